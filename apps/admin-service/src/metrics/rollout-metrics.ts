import { ROLLOUT_GATES, ROLLOUT_STATUSES, type RolloutGateName } from '@houston/domain';
import { registerPulledMetric, type MetricsRegistry } from '@houston/server-kit';

/**
 * Progressive rollouts: how many there are in each state (the database's count, refreshed by
 * every tick of the ticker, so every admin-service reports the same figure), and what this
 * admin-service did to them: steps advanced, gates failed, rollbacks made by a failed gate.
 */
export class RolloutMetrics {
  byState: Record<string, number> = {};
  stepsAdvanced = 0;
  autoRollbacks = 0;
  readonly gateFailures = new Map<RolloutGateName, number>();

  constructor(registry: MetricsRegistry) {
    registerPulledMetric(registry, {
      name: 'houston_rollouts',
      help: 'Rollouts in the database by state (running, paused, completed, rolled_back, aborted), as of the last tick',
      type: 'gauge',
      read: () => ROLLOUT_STATUSES.map((state) => ({ labels: { state }, value: this.byState[state] ?? 0 })),
    });
    registerPulledMetric(registry, {
      name: 'houston_rollout_steps_advanced_total',
      help: 'Rollout steps this admin-service moved on to (by the ticker or an operator), merges not included',
      type: 'counter',
      read: () => this.stepsAdvanced,
    });
    registerPulledMetric(registry, {
      name: 'houston_rollout_gate_failures_total',
      help: 'Failed rollout gates this admin-service acted on (paused or rolled back), by gate',
      type: 'counter',
      read: () =>
        ROLLOUT_GATES.map((gate) => ({ labels: { gate }, value: this.gateFailures.get(gate) ?? 0 })),
    });
    registerPulledMetric(registry, {
      name: 'houston_rollout_auto_rollbacks_total',
      help: 'Rollouts this admin-service rolled back because a gate failed (operator aborts not included)',
      type: 'counter',
      read: () => this.autoRollbacks,
    });
  }

  gateFailed(gates: RolloutGateName[]): void {
    for (const gate of gates) this.gateFailures.set(gate, (this.gateFailures.get(gate) ?? 0) + 1);
  }
}

const byRegistry = new WeakMap<MetricsRegistry, RolloutMetrics>();

export function rolloutMetricsOf(registry: MetricsRegistry | undefined): RolloutMetrics | undefined {
  if (!registry) return undefined;
  let metrics = byRegistry.get(registry);
  if (!metrics) byRegistry.set(registry, (metrics = new RolloutMetrics(registry)));
  return metrics;
}
