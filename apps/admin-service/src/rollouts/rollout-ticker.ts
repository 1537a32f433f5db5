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
import { RolloutHealth } from './rollout-health';
import { parsePlan } from './rollout.mapper';
import { RolloutService } from './rollout.service';
import { DEFAULT_ROLLOUT_SETTINGS, ROLLOUT_TICKER } from './rollout-settings';

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
  ) {}

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

  private async evaluate(row: RolloutEntity, now: () => Date): Promise<boolean> {
    const plan = parsePlan(row);
    const { verdict } = await this.health.evaluate(row, plan, true, now());
    const action = nextRolloutAction(
      {
        status: 'running',
        steps: plan.steps,
        stepIndex: row.stepIndex,
        stepStartedAt: new Date(row.stepStartedAt),
      },
      now(),
      verdict,
      plan.onFailure,
    );
    if (action.kind === 'wait') return false;
    const applied = await this.rollouts.applyDecision(row.id, row.version, action, ROLLOUT_TICKER, '');
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
