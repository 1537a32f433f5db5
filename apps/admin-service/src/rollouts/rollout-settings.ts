/** How the admin-service runs rollouts (`HOUSTON_ROLLOUT_*`). */
export interface RolloutSettings {
  /** Pause between two evaluations of the running rollouts. */
  tickMs: number;
  /** Shortest bake time a plan may give a step. */
  minBakeTimeMs: number;
}

export const DEFAULT_ROLLOUT_SETTINGS: RolloutSettings = { tickMs: 5_000, minBakeTimeMs: 60_000 };

/** Who the automatic transitions are recorded as. */
export const ROLLOUT_TICKER = 'rollout-ticker';
