export interface EnvProblem {
  name: string;
  reason: string;
  /** The offending text as it may be shown: already masked when the variable is sensitive. */
  shown?: string;
}

/** Every problem with the environment at once, so an operator fixes them in one go. */
export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';

  constructor(readonly problems: readonly EnvProblem[]) {
    super(
      `Invalid environment (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems
          .map(
            (p) =>
              `  ${p.name}: ${p.reason}${p.shown === undefined ? '' : ` (got ${JSON.stringify(p.shown)})`}`,
          )
          .join('\n'),
    );
  }
}
