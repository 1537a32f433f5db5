/**
 * One environment variable: how to read it and how to explain it. Builders in `env-builders`
 * produce these; `loadEnv` turns a schema of them into typed values.
 */
export interface EnvSpec<T> {
  description: string;
  /** Used when the variable is unset or empty; without one the variable is required. */
  default?: T;
  /** Turns the raw text into a value; throws an Error whose message says what was expected. */
  parse(raw: string): T;
  /** Masked as `***` wherever values are shown (errors, startup logs). */
  sensitive?: boolean;
  /** Shown in the generated docs when there is no default. */
  example?: string;
  /** Unset is fine and yields `undefined` (see `envOptional`). */
  optional?: boolean;
  /** Renders a value the way an operator would write it (defaults in docs, startup logs). */
  format?(value: T): string;
}

// `any` here only so that specs of every value type fit one schema; values come out typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EnvSchema = Record<string, EnvSpec<any>>;

export type EnvValueOf<S> = S extends EnvSpec<infer T> ? T : never;

export type EnvValues<S extends EnvSchema> = { readonly [K in keyof S]: EnvValueOf<S[K]> };

export const MASK = '***';
