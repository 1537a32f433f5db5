/** What the start-rollout form holds: the API's body (`POST …/rollouts`) as typed. */
export interface RolloutPlanFields {
  releaseTitle: string;
  releaseComment?: string;
  steps: Array<{ percentage?: number | null; bakeTime?: string }>;
  gates: {
    maxRejectedInstances?: number | null;
    maxSilentInstances?: number | null;
    silentAfter?: string;
    checkUrl?: string;
    checkTimeout?: string;
  };
  onFailure: 'rollback' | 'pause';
  isEmergencyPublish?: boolean;
}

/** 1 % for 10 minutes, 10 % for 30 minutes, then everyone. */
export const DEFAULT_PLAN: Pick<RolloutPlanFields, 'steps' | 'gates' | 'onFailure'> = {
  steps: [{ percentage: 1, bakeTime: '10m' }, { percentage: 10, bakeTime: '30m' }, { percentage: 100 }],
  gates: { maxRejectedInstances: 0, silentAfter: '10m', checkTimeout: '5s' },
  onFailure: 'rollback',
};

/** The durations the admin-service reads: `500ms`, `30s`, `10m`, `1h`, `2d`. */
export const DURATION = /^\d{1,9}(ms|s|m|h|d)$/;

/** A share of instances: above 0, at most 100, at most two decimals. */
export function isPercentage(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= 100 &&
    Math.abs(Math.round(value * 100) - value * 100) < 1e-9
  );
}

const given = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
const count = (value: number | null | undefined) =>
  value === undefined || value === null ? undefined : value;

/**
 * The request body of a start: the last step bakes nothing (it merges), a gate left empty is
 * left to the admin-service's default (or, for silent instances and the check, not asked).
 */
export function rolloutBody(fields: RolloutPlanFields, withEmergency: boolean): Record<string, unknown> {
  const steps = fields.steps.map((step, index) =>
    index === fields.steps.length - 1
      ? { percentage: step.percentage }
      : { percentage: step.percentage, bakeTime: given(step.bakeTime) },
  );
  const gates = Object.fromEntries(
    Object.entries({
      maxRejectedInstances: count(fields.gates?.maxRejectedInstances),
      maxSilentInstances: count(fields.gates?.maxSilentInstances),
      silentAfter: given(fields.gates?.silentAfter),
      checkUrl: given(fields.gates?.checkUrl),
      checkTimeout: given(fields.gates?.checkTimeout),
    }).filter(([, value]) => value !== undefined),
  );
  return {
    ...(given(fields.releaseTitle) ? { releaseTitle: given(fields.releaseTitle) } : {}),
    ...(given(fields.releaseComment) ? { releaseComment: given(fields.releaseComment) } : {}),
    steps,
    gates,
    onFailure: fields.onFailure,
    ...(withEmergency && fields.isEmergencyPublish ? { isEmergencyPublish: true } : {}),
  };
}

/** `90000` → `1m 30s`; under a second, `0s`. */
export function formatDuration(ms: number): string {
  let seconds = Math.max(0, Math.floor(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}
