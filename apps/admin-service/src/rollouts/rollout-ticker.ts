import { nextRolloutAction } from '@houston/domain';
import type { RolloutEntity } from '@houston/entities';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { rolloutMetricsOf, type RolloutMetrics } from '../metrics/rollout-metrics';
import { RolloutHealth } from './rollout-health';
import { parsePlan } from './rollout.mapper';
import { RolloutService } from './rollout.service';
import { DEFAULT_ROLLOUT_SETTINGS, ROLLOUT_TICKER } from './rollout-settings';

/**
 * How long a step's claim is held while its release checks run: validation webhooks are asked at
 * once, each within at most 30 s, and as long again is left for the schema and the database.
 */
const CHECKS_HOLD_MS = 60_000;

/** Running rollouts one tick looks at. */
const MAX_PER_TICK = 100;

/**
 * Moves running rollouts along, in every admin-service: each tick reads the running rollouts,
 * gathers each one's health signals outside any transaction (the HTTP check may take seconds),
 * decides with `nextRolloutAction`, and applies the decision under the namespace and rollout row
 * locks only if the rollout's version is still the one it read. Whichever admin-service gets
 * there first applies a step; the others find the version moved and drop theirs. A restart loses
 * nothing: the plan, the step and when it started are in the database.
 */
@Injectable()
export class RolloutTicker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Rollouts');
  private timer?: NodeJS.Timeout;
  private tick?: Promise<unknown>;
  private stopped = false;

  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly rollouts: RolloutService,
    private readonly health: RolloutHealth,
  ) {
    this.metrics = rolloutMetricsOf(options.metrics);
  }

  private readonly metrics?: RolloutMetrics;

  private get settings() {
    return this.options.rollouts ?? DEFAULT_ROLLOUT_SETTINGS;
  }

  onApplicationBootstrap(): void {
    if (this.settings.tickMs > 0) this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.runOnce()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'rollout tick failed; retried next tick', error: String(error) }),
        )
        .finally(() => this.schedule());
    }, this.settings.tickMs);
    this.timer.unref();
  }

  /** One pass over the running rollouts; how many moved. */
  async runOnce(now: () => Date = () => new Date()): Promise<number> {
    let moved = 0;
    if (this.metrics) this.metrics.byState = await this.options.database.repos.rollouts.countByStatus();
    for (const row of await this.options.database.repos.rollouts.listRunning(MAX_PER_TICK)) {
      if (this.stopped) break;
      try {
        if (await this.evaluate(row, now)) moved++;
      } catch (error) {
        this.logger.warn({
          msg: 'rollout not evaluated; retried next tick',
          rolloutId: row.id,
          error: String(error),
        });
      }
    }
    return moved;
  }

  /**
   * Takes the rollout's claim of this tick (or keeps the one taken with the HTTP check) and holds
   * it until `at` + CHECKS_HOLD_MS, past the ticks the release checks may last; the returned
   * function hands it back. Null: another admin-service holds it.
   */
  private async holdClaim(
    row: RolloutEntity,
    at: number,
    claimed: boolean,
  ): Promise<(() => Promise<void>) | null> {
    const rollouts = this.options.database.repos.rollouts;
    const until = at + CHECKS_HOLD_MS;
    const held = claimed
      ? await rollouts.moveClaim(row.id, at, until)
      : await rollouts.claimCheck(row.id, until, at - this.settings.tickMs);
    return held ? async () => void (await rollouts.moveClaim(row.id, until, at)) : null;
  }

  private async evaluate(row: RolloutEntity, now: () => Date): Promise<boolean> {
    const plan = parsePlan(row);
    const at = now();
    const { verdict, checkPending, claimed } = await this.health.evaluate(row, plan, true, at);
    // Another admin-service is asking the HTTP check this tick and none of its verdicts is recent.
    if (checkPending) return false;
    let action = nextRolloutAction(
      {
        status: 'running',
        steps: plan.steps,
        stepIndex: row.stepIndex,
        stepStartedAt: new Date(row.stepStartedAt),
      },
      at,
      verdict,
      plan.onFailure,
    );
    if (action.kind === 'wait') return false;
    let approved: Record<string, string> | undefined;
    let release: (() => Promise<void>) | null = null;
    if (action.kind === 'advance' || action.kind === 'complete') {
      // The step's release checks (and so its validation webhooks) run in one admin-service: the
      // one holding the rollout's claim, taken with the HTTP check or here, until it has decided.
      release = await this.holdClaim(row, at.getTime(), claimed);
      if (!release) return false;
    }
    let applied: RolloutEntity | null = null;
    try {
      if (release) {
        // Another admin-service may have applied this step while this one read the rollout.
        const current = await this.options.database.repos.rollouts.findById(row.id);
        if (current?.version !== row.version) return false;
      }
      if (action.kind === 'advance' || action.kind === 'complete') {
        // A step and the merge pass the release checks a hand-made gray release or merge would; a
        // failure is a failed gate: the plan's onFailure, with the reason in the rollout's events.
        const { problem, checked } = await this.rollouts.checkStep(row, action, ROLLOUT_TICKER);
        if (problem) {
          action = {
            kind: 'fail',
            action: plan.onFailure,
            failures: [`release checks failed: ${problem.message}`],
            gates: ['release_checks'],
          };
        }
        approved = checked;
      }
      applied = await this.rollouts.applyDecision(row.id, row.version, action, ROLLOUT_TICKER, '', approved);
    } finally {
      await release?.();
    }
    if (applied) {
      this.logger.log({
        msg: 'rollout moved',
        rolloutId: row.id,
        action: action.kind === 'fail' ? action.action : action.kind,
        ...(action.kind === 'fail' ? { failures: action.failures } : {}),
        stepIndex: applied.stepIndex,
        status: applied.status,
      });
    }
    return applied !== null;
  }
}
