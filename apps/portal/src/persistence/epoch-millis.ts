import type { ValueTransformer } from 'typeorm';

/** MySQL returns BIGINT as a string; epoch milliseconds fit a JS number exactly. */
export const epochMillis: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? 0 : Number(value)),
};
