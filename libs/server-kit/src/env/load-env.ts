import { MASK, type EnvSchema, type EnvSpec, type EnvValues } from './env-spec';
import { EnvValidationError, type EnvProblem } from './env-validation-error';
import { maskUrlCredentials } from './mask-credentials';

/**
 * Reads every variable of `schema` from `source`. An empty value counts as unset (so `FOO=` in a
 * compose file or a Kubernetes manifest falls back to the default). All problems are collected and
 * thrown together as one `EnvValidationError`.
 */
export function loadEnv<S extends EnvSchema>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): EnvValues<S> {
  const values: Record<string, unknown> = {};
  const problems: EnvProblem[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const raw = source[name];
    if (raw === undefined || raw === '') {
      if (spec.default !== undefined) values[name] = spec.default;
      else if (spec.optional) values[name] = undefined;
      else problems.push({ name, reason: 'is required but not set' });
      continue;
    }
    try {
      values[name] = spec.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ name, reason, shown: showRaw(spec, raw) });
    }
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return values as EnvValues<S>;
}

function showRaw(spec: EnvSpec<unknown>, raw: string): string {
  return spec.sensitive ? MASK : maskUrlCredentials(raw);
}
