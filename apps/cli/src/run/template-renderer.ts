import nunjucks from 'nunjucks';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { describeUndefined } from './undefined-variable';

/** A template that did not render: the message names the template and, when known, the line. */
export class TemplateError extends Error {}

/**
 * Jinja2-style templates (Nunjucks). Output is not HTML-escaped (config files are not HTML), and an
 * undefined variable printed as is fails the render instead of writing an empty value into a config
 * file: a typo must not silently turn `port = {{ config.application.prot }}` into `port = `.
 * `{{ x | default('y') }}` still gives a fallback.
 */
function environmentOf(loader: nunjucks.ILoader | null): nunjucks.Environment {
  const environment = new nunjucks.Environment(loader, { autoescape: false, throwOnUndefined: true });
  // Jinja2's `tojson`, and YAML for the config files that want it.
  environment.addFilter('tojson', (value: unknown, indent?: number) => JSON.stringify(value, null, indent));
  environment.addFilter('toyaml', (value: unknown) => toYaml(value));
  return environment;
}

export function renderTemplateString(source: string, context: object, name = 'template'): string {
  const environment = environmentOf(null);
  return render(
    () => environment.renderString(source, context),
    name,
    () => source,
    context,
  );
}

/**
 * Renders the template file at `path`, re-read every time (it may be edited while the program
 * runs); `{% include %}` and `{% extends %}` find other templates beside it.
 */
export function renderTemplateFile(path: string, context: object): string {
  const loader = new nunjucks.FileSystemLoader([dirname(path)], { noCache: true });
  const environment = environmentOf(loader);
  return render(
    () => environment.render(basename(path), context),
    path,
    () => readFileSync(path, 'utf8'),
    context,
  );
}

function render(run: () => string, name: string, source: () => string, context: object): string {
  try {
    return run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Nunjucks prefixes "(unknown path)" or the path, and spreads the message over lines.
    const text = message
      .replace(/^\((unknown path|[^)]*)\)\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    // "attempted to output null or undefined value" names no variable: find which one it was.
    const printed = /^(\[Line (\d+), Column \d+\]) .*undefined value/.exec(text);
    if (printed) {
      let detail: string | undefined;
      try {
        detail = describeUndefined(source(), Number(printed[2]), context);
      } catch {
        // the template is gone or unreadable: Nunjucks's own words will do
      }
      if (detail) throw new TemplateError(`${name}: ${printed[1]} ${detail}`);
    }
    throw new TemplateError(`${name}: ${text}`);
  }
}
