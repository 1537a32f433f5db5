import { loadEnv, type EnvSchema, type EnvValues } from '@houston/server-kit';

/**
 * Reads the environment once at start-up. A wrong value stops the process before anything is
 * opened, with every problem listed (the logger is not configured yet, so this goes to stderr).
 */
export function loadEnvOrExit<S extends EnvSchema>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): EnvValues<S> {
  try {
    return loadEnv(schema, source);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
