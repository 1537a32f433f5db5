import { DomainError } from '../errors/domain-error';
import { isValidPercentage } from './sticky-bucket';

export interface RolloutStep {
  /** Share of the app's instances on the new release during this step (the last step is 100). */
  percentage: number;
  /** How long the step must stay healthy before the next one (0 for the last step). */
  bakeTimeMs: number;
}

/** What the health gates allow; a signal beyond its limit fails the gate. */
export interface RolloutGates {
  /** Instances that reported the new release rejected or its check failed: more than this fails. */
  maxRejectedInstances: number;
  /** Instances that took the new release and then were not seen for `silentAfterMs`: more fails (absent: not checked). */
  maxSilentInstances?: number;
  silentAfterMs: number;
  /** An HTTP check asked at every evaluation; its verdict must be healthy (absent: none). */
  checkUrl?: string;
  checkTimeoutMs: number;
}

export const ROLLOUT_FAILURE_ACTIONS = ['rollback', 'pause'] as const;
export type RolloutFailureAction = (typeof ROLLOUT_FAILURE_ACTIONS)[number];

export interface RolloutPlan {
  steps: RolloutStep[];
  gates: RolloutGates;
  /** What a failed gate does: send every client back to the main release, or hold the step. */
  onFailure: RolloutFailureAction;
}

export interface RolloutPlanLimits {
  /** Shortest bake time a step other than the last may have. */
  minBakeTimeMs: number;
}

const MAX_STEPS = 20;
const MAX_BAKE_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_SILENT_AFTER_MS = 10 * 60 * 1000;
const DEFAULT_CHECK_TIMEOUT_MS = 5_000;
const DURATION = /^(\d{1,9})(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `10m`, `1h`, `500ms`, `2d`, or a number of milliseconds. */
export function parseRolloutDuration(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  if (!match) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be a duration such as 500ms, 30s, 10m, 1h or 1d (or milliseconds)`,
      { field },
    );
  }
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function invalid(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', `${field} ${message}`, { field });
}

function checkUrlOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 2048)
    invalid('gates.checkUrl', 'must be a URL of at most 2048 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid('gates.checkUrl', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    invalid('gates.checkUrl', 'must be an http or https URL');
  if (url.username || url.password) invalid('gates.checkUrl', 'must not carry credentials');
  return url.toString();
}

function count(value: unknown, field: string, fallback: number | undefined): number | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000)
    invalid(field, 'must be a whole number from 0 to 1000000');
  return value;
}

/**
 * Checks a rollout plan from the API: 1–20 steps whose percentages rise strictly and end at 100,
 * bake times between `minBakeTimeMs` and seven days (the last step merges at once and bakes
 * nothing), and the gates' limits.
 */
export function validateRolloutPlan(input: unknown, limits: RolloutPlanLimits): RolloutPlan {
  const body = (input ?? {}) as { steps?: unknown; gates?: unknown; onFailure?: unknown };
  if (!Array.isArray(body.steps) || body.steps.length === 0 || body.steps.length > MAX_STEPS)
    invalid('steps', `must be a list of 1 to ${MAX_STEPS} steps`);
  const rawSteps: unknown[] = body.steps;
  const steps = rawSteps.map((raw, index): RolloutStep => {
    const step = (raw ?? {}) as { percentage?: unknown; bakeTime?: unknown };
    const field = `steps[${index}]`;
    if (!isValidPercentage(step.percentage) || step.percentage === 0)
      invalid(`${field}.percentage`, 'must be a number above 0 and at most 100, with at most two decimals');
    const last = index === rawSteps.length - 1;
    const bakeTimeMs =
      step.bakeTime === undefined
        ? last
          ? 0
          : limits.minBakeTimeMs
        : parseRolloutDuration(step.bakeTime, `${field}.bakeTime`);
    if (last && bakeTimeMs !== 0)
      invalid(`${field}.bakeTime`, 'must be 0 or absent: the last step merges the release at once');
    if (!last && (bakeTimeMs < limits.minBakeTimeMs || bakeTimeMs > MAX_BAKE_MS))
      invalid(`${field}.bakeTime`, `must be between ${limits.minBakeTimeMs} ms and 7 days`);
    return { percentage: step.percentage, bakeTimeMs };
  });
  steps.forEach((step, index) => {
    if (index > 0 && step.percentage <= steps[index - 1]!.percentage)
      invalid(`steps[${index}].percentage`, "must be above the previous step's");
  });
  if (steps.length < 2)
    invalid('steps', 'must have a step below 100 before the last (a single step is a plain release)');
  if (steps[steps.length - 1]!.percentage !== 100)
    invalid(`steps[${steps.length - 1}].percentage`, 'must be 100: a rollout ends with everyone');
  const gates = (body.gates ?? {}) as Record<string, unknown>;
  if (typeof gates !== 'object' || Array.isArray(gates)) invalid('gates', 'must be an object');
  const onFailure = body.onFailure ?? 'rollback';
  if (!ROLLOUT_FAILURE_ACTIONS.includes(onFailure as RolloutFailureAction))
    invalid('onFailure', `must be one of ${ROLLOUT_FAILURE_ACTIONS.join(', ')}`);
  const checkTimeoutMs =
    gates['checkTimeout'] === undefined
      ? DEFAULT_CHECK_TIMEOUT_MS
      : parseRolloutDuration(gates['checkTimeout'], 'gates.checkTimeout');
  if (checkTimeoutMs < 100 || checkTimeoutMs > 60_000)
    invalid('gates.checkTimeout', 'must be between 100 ms and 60 s');
  const silentAfterMs =
    gates['silentAfter'] === undefined
      ? DEFAULT_SILENT_AFTER_MS
      : parseRolloutDuration(gates['silentAfter'], 'gates.silentAfter');
  if (silentAfterMs < 1000 || silentAfterMs > MAX_BAKE_MS)
    invalid('gates.silentAfter', 'must be between 1 s and 7 days');
  const maxSilentInstances = count(gates['maxSilentInstances'], 'gates.maxSilentInstances', undefined);
  return {
    steps,
    gates: {
      maxRejectedInstances: count(gates['maxRejectedInstances'], 'gates.maxRejectedInstances', 0)!,
      ...(maxSilentInstances === undefined ? {} : { maxSilentInstances }),
      silentAfterMs,
      ...(checkUrlOf(gates['checkUrl']) ? { checkUrl: checkUrlOf(gates['checkUrl']) } : {}),
      checkTimeoutMs,
    },
    onFailure: onFailure as RolloutFailureAction,
  };
}
