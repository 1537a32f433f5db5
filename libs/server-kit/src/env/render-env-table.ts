import { MASK, type EnvSchema, type EnvSpec } from './env-spec';

/** A markdown table of the schema for a README: `| Variable | Default | Description |`. */
export function renderEnvTable(schema: EnvSchema): string {
  const lines = ['| Variable | Default | Description |', '| --- | --- | --- |'];
  for (const [name, spec] of Object.entries(schema)) {
    lines.push(`| \`${name}\` | ${cell(renderDefault(spec))} | ${cell(renderDescription(spec))} |`);
  }
  return lines.join('\n') + '\n';
}

function renderDefault(spec: EnvSpec<unknown>): string {
  if (spec.default === undefined) return spec.optional ? '_(unset)_' : '_(required)_';
  if (spec.sensitive) return MASK;
  const text = spec.format ? spec.format(spec.default) : String(spec.default);
  return text === '' ? '_(empty)_' : `\`${text}\``;
}

function renderDescription(spec: EnvSpec<unknown>): string {
  // Sentences follow the description: it needs its full stop first.
  const more = spec.example !== undefined || spec.sensitive;
  const parts = [more && !/[.!?]$/.test(spec.description) ? `${spec.description}.` : spec.description];
  if (spec.example !== undefined) parts.push(`Example: \`${spec.example}\`.`);
  if (spec.sensitive) parts.push('Secret: never logged.');
  return parts.join(' ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
