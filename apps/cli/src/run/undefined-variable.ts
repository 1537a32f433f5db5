/**
 * Says which variable a template printed that does not exist, from the line Nunjucks names: the
 * missing key, the namespace that is not read (or has nothing released), or the unknown name.
 * Undefined when the expression cannot be told (a call, a computed index): the caller keeps
 * Nunjucks's own message then.
 */
export function describeUndefined(source: string, line: number, context: object): string | undefined {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return undefined;
  for (const match of text.matchAll(/\{\{-?\s*([^}|]+?)\s*(?:\|[^}]*)?-?\}\}/g)) {
    const segments = pathOf(match[1]!);
    if (!segments) continue;
    let value: unknown = context;
    for (let index = 0; index < segments.length; index++) {
      const next =
        value === null || value === undefined
          ? undefined
          : (value as Record<string, unknown>)[segments[index]!];
      if (next === undefined || next === null)
        return explain(segments, index, context as Record<string, unknown>);
      value = next;
    }
  }
  return undefined;
}

const ROOTS = ['config', 'parsed', 'content', 'releaseKeys', 'app', 'env'];
const NAMESPACE_ROOTS = new Set(['config', 'parsed', 'content', 'releaseKeys']);

function explain(segments: string[], missing: number, context: Record<string, unknown>): string {
  const [root, namespace, key] = segments;
  const shown = segments.slice(0, missing + 1).join('.');
  if (missing === 0) return `no variable ${root} (a template sees ${ROOTS.join(', ')})`;
  if (NAMESPACE_ROOTS.has(root!) && missing === 1) {
    const read = Object.keys((context['config'] as object | undefined) ?? {});
    return `${shown}: namespace ${namespace} is not read by this houston run (add -n ${namespace}; it reads ${read.join(', ') || 'none'})`;
  }
  const releaseKeys = (context['releaseKeys'] as Record<string, string> | undefined) ?? {};
  const app = context['app'] as { id: string; cluster: string } | undefined;
  if (NAMESPACE_ROOTS.has(root!) && releaseKeys[namespace!] === '') {
    return `${shown}: namespace ${namespace} of app ${app?.id} (cluster ${app?.cluster}) has nothing released: does the app exist, and is the namespace released?`;
  }
  if (root === 'config' && missing === 2) {
    return `${shown}: namespace ${namespace} has no key ${key} (use | default(...) for an optional one)`;
  }
  if (root === 'env' && missing === 1) return `${shown}: environment variable ${namespace} is not set`;
  return `${shown} is undefined`;
}

/** `config.application.port`, `parsed["app.yaml"].server.port` as segments; undefined for anything else. */
function pathOf(expression: string): string[] | undefined {
  const head = /^([A-Za-z_$][\w$]*)/.exec(expression);
  if (!head) return undefined;
  const segments = [head[1]!];
  let rest = expression.slice(head[0].length);
  while (rest.length > 0) {
    const step = /^\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\])/.exec(rest);
    if (!step) return undefined;
    segments.push(step[1] ?? step[2] ?? step[3] ?? step[4]!);
    rest = rest.slice(step[0].length);
  }
  return segments;
}
