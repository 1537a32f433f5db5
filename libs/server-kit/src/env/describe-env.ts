import { MASK, type EnvSchema, type EnvSpec, type EnvValues } from './env-spec';
import { maskUrlCredentials } from './mask-credentials';

/**
 * The loaded values in a form safe to log at startup: sensitive ones masked, passwords inside
 * URLs hidden, durations and lists written the way an operator would.
 */
export function describeEnv<S extends EnvSchema>(values: EnvValues<S>, schema: S): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    described[name] = describeValue(spec, (values as Record<string, unknown>)[name]);
  }
  return described;
}

function describeValue(spec: EnvSpec<unknown>, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (spec.sensitive) return MASK;
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (typeof value === 'number' && spec.format) {
    // Durations read better as `10s`; plain numbers stay numbers in the JSON log line.
    const text = spec.format(value);
    return text === String(value) ? value : text;
  }
  return maskNested(value);
}

/** Structured values (lists, parsed objects such as the portal's environments) hold URLs too. */
function maskNested(value: unknown): unknown {
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (Array.isArray(value)) return value.map(maskNested);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, nested]) => [key, maskNested(nested)]));
  }
  return value;
}
