import type { RolloutFailureAction, RolloutGates, RolloutStep } from './rollout-plan';

export const ROLLOUT_STATUSES = ['running', 'paused', 'completed', 'rolled_back', 'aborted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** A rollout still holds its gray branch: running (the ticker moves it) or paused (only operators do). */
export function isActiveRollout(status: string): boolean {
  return status === 'running' || status === 'paused';
}

/** What the health signals of the rollout's release are now. */
export interface RolloutSignals {
  /** Instances whose newest report on the rollout's release is `rejected` or `check_failed`. */
  rejectedInstances: number;
  /** Instances that took the release and have not been seen since `silentAfterMs`. */
  silentInstances: number;
  /** The HTTP check's verdict (absent: the plan has none). */
  check?: HttpCheckVerdict;
}

export interface HttpCheckVerdict {
  healthy: boolean;
  /** Why, in a few words: `HTTP 503`, `timed out after 5000 ms`, `verdict fail`. */
  reason: string;
}

/** The gates, as the metrics name them; `release_checks` is a step's schema and webhooks. */
export const ROLLOUT_GATES = [
  'rejected_instances',
  'silent_instances',
  'http_check',
  'release_checks',
] as const;
export type RolloutGateName = (typeof ROLLOUT_GATES)[number];

export interface GateVerdict {
  healthy: boolean;
  /** One line per failed gate. */
  failures: string[];
  /** Which gates failed, in the order of `failures`. */
  gates: RolloutGateName[];
}

/** Each gate against its limit. */
export function evaluateGates(gates: RolloutGates, signals: RolloutSignals): GateVerdict {
  const failures: string[] = [];
  const failed: RolloutGateName[] = [];
  const fail = (gate: RolloutGateName, failure: string) => (failed.push(gate), failures.push(failure));
  if (signals.rejectedInstances > gates.maxRejectedInstances)
    fail(
      'rejected_instances',
      `${signals.rejectedInstances} instance(s) rejected the release (at most ${gates.maxRejectedInstances} allowed)`,
    );
  if (gates.maxSilentInstances !== undefined && signals.silentInstances > gates.maxSilentInstances)
    fail(
      'silent_instances',
      `${signals.silentInstances} instance(s) stopped reporting after taking the release (at most ${gates.maxSilentInstances} allowed)`,
    );
  if (signals.check && !signals.check.healthy)
    fail('http_check', `health check failed: ${signals.check.reason}`);
  return { healthy: failures.length === 0, failures, gates: failed };
}

const MAX_CHECK_BODY = 64 * 1024;

/**
 * Reads an HTTP check's answer. Healthy only on a 2xx whose JSON body says so: `{"healthy": true}`,
 * `{"verdict": "pass"}`, or a Prometheus query answer (`{"status": "success", "data": {"result": []}}`)
 * whose result is empty, the way an alerting expression is written (it returns series only when
 * something is wrong). Anything else, an unreadable body included, is unhealthy.
 */
export function httpCheckVerdict(status: number, body: string): HttpCheckVerdict {
  if (status < 200 || status > 299) return { healthy: false, reason: `HTTP ${status}` };
  if (body.length > MAX_CHECK_BODY) return { healthy: false, reason: 'answer too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { healthy: false, reason: 'answer is not JSON' };
  }
  const answer = (parsed ?? {}) as Record<string, unknown>;
  if (typeof answer['healthy'] === 'boolean')
    return { healthy: answer['healthy'], reason: answer['healthy'] ? 'healthy' : 'healthy: false' };
  if (answer['verdict'] === 'pass' || answer['verdict'] === 'fail')
    return { healthy: answer['verdict'] === 'pass', reason: `verdict ${answer['verdict']}` };
  const data = answer['data'] as { result?: unknown } | undefined;
  if (answer['status'] === 'success' && data && Array.isArray(data.result))
    return data.result.length === 0
      ? { healthy: true, reason: 'query returned no series' }
      : { healthy: false, reason: `query returned ${data.result.length} series` };
  return { healthy: false, reason: 'answer has no verdict (healthy, verdict or a Prometheus result)' };
}

export interface RolloutState {
  status: RolloutStatus;
  steps: RolloutStep[];
  stepIndex: number;
  stepStartedAt: Date;
}

export type RolloutAction =
  | { kind: 'wait'; remainingMs: number }
  | { kind: 'advance'; toStep: number }
  | { kind: 'complete' }
  | { kind: 'fail'; action: RolloutFailureAction; failures: string[]; gates: RolloutGateName[] };

/**
 * What the ticker does with a running rollout: a failed gate acts at once, whatever the bake time
 * left; a healthy step moves on once it has baked; the step that reaches 100 % completes (merges).
 * Paused and finished rollouts only wait.
 */
export function nextRolloutAction(
  state: RolloutState,
  now: Date,
  verdict: GateVerdict,
  onFailure: RolloutFailureAction,
): RolloutAction {
  if (state.status !== 'running') return { kind: 'wait', remainingMs: Infinity };
  if (!verdict.healthy)
    return { kind: 'fail', action: onFailure, failures: verdict.failures, gates: verdict.gates };
  const step = state.steps[state.stepIndex]!;
  const remainingMs = state.stepStartedAt.getTime() + step.bakeTimeMs - now.getTime();
  if (remainingMs > 0) return { kind: 'wait', remainingMs };
  return advanceFrom(state);
}

/** The next step of a rollout (what an operator's `advance` does too): a step at 100 % completes it. */
export function advanceFrom(state: Pick<RolloutState, 'steps' | 'stepIndex'>): RolloutAction {
  const toStep = state.stepIndex + 1;
  if (toStep >= state.steps.length || state.steps[toStep]!.percentage >= 100) return { kind: 'complete' };
  return { kind: 'advance', toStep };
}

export const CLIENT_REPORT_STATUSES = ['applied', 'rejected', 'check_failed'] as const;
export type ClientReportStatus = (typeof CLIENT_REPORT_STATUSES)[number];

/** A report that counts against a rollout's release. */
export function isFailingReport(status: string): boolean {
  return status === 'rejected' || status === 'check_failed';
}
