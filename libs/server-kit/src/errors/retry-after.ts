import type { ProblemBody } from './problem-body';

/** Seconds a client is told to wait before retrying, when what refused the request did not say. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** 503 and 429 tell the client to come back later, and when. */
export function isRetryLater(status: number): boolean {
  return status === 503 || status === 429;
}

/**
 * The problem with its wait in `details.retryAfterSeconds` when its status says to retry later:
 * the producer's own (a DomainError's `retryAfterSeconds`, a whole number of seconds, at least 1),
 * else `DEFAULT_RETRY_AFTER_SECONDS`. This is the one value the Retry-After header is then
 * written from (`retryAfterHeaderOf`), so the header and the body cannot disagree.
 */
export function withRetryAfter(problem: ProblemBody): ProblemBody {
  if (!isRetryLater(problem.status)) return problem;
  const given = problem.details?.['retryAfterSeconds'];
  const seconds =
    typeof given === 'number' && Number.isFinite(given) && given >= 1
      ? Math.ceil(given)
      : DEFAULT_RETRY_AFTER_SECONDS;
  return { ...problem, details: { ...problem.details, retryAfterSeconds: seconds } };
}

/** The Retry-After header of `problem` (one made by `withRetryAfter`), none when it is not a retry-later one. */
export function retryAfterHeaderOf(problem: ProblemBody): string | undefined {
  if (!isRetryLater(problem.status)) return undefined;
  return String(withRetryAfter(problem).details!['retryAfterSeconds']);
}
