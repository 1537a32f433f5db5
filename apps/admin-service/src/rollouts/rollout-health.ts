import { readBoundedText } from '../common/read-bounded-text';
import {
  evaluateGates,
  httpCheckVerdict,
  type GateVerdict,
  type HttpCheckVerdict,
  type RolloutPlan,
} from '@houston/domain';
import type { RolloutEntity } from '@houston/entities';
import type { InstanceStore, RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { instanceStoreOf } from '../instances/instance-store-of';
import { DEFAULT_ROLLOUT_SETTINGS } from './rollout-settings';
import type { RolloutHealthDto } from './rollout.dto';

/** Instances looked at per evaluation: a rollout's gray share of a very large fleet is sampled up to this. */
const MAX_INSTANCES = 10_000;
const MAX_CHECK_BODY = 64 * 1024;

export interface RolloutHealthReport {
  verdict: GateVerdict;
  health: RolloutHealthDto;
  /** The plan has an HTTP check and no verdict of it is recent: nothing may be decided this tick. */
  checkPending: boolean;
  /** This admin-service holds the rollout's claim of this tick (it asked the HTTP check). */
  claimed: boolean;
}

/**
 * The health signals of a rollout's release, read outside any transaction: client reports
 * (rejected, check failed), instances that took the release and went quiet, and the plan's HTTP
 * check.
 */
@Injectable()
export class RolloutHealth {
  private readonly instances: InstanceStore;

  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {
    this.instances = instanceStoreOf(options);
  }

  /** The gray releases of the rollout's branch (a main release carried into it makes a new one), deleted ones too. */
  async releaseKeys(repos: RepositoryPorts, rollout: RolloutEntity): Promise<string[]> {
    return repos.releases.releaseKeysEver(
      { appId: rollout.appId, clusterName: rollout.branchName, namespaceName: rollout.namespaceName },
      50,
    );
  }

  /** The signals, and the verdict of the gates on them; `withCheck` asks the HTTP check too. */
  async evaluate(
    rollout: RolloutEntity,
    plan: RolloutPlan,
    withCheck: boolean,
    now = new Date(),
  ): Promise<RolloutHealthReport> {
    const repos = this.options.database.repos;
    const keys = await this.releaseKeys(repos, rollout);
    const [rejectedInstances, rejections, onRelease] = await Promise.all([
      repos.clientReports.countFailing(keys),
      repos.clientReports.listFailing(keys, 20),
      keys.length === 0
        ? Promise.resolve({ total: 0, content: [] })
        : this.instances.listByNamespace(
            { appId: rollout.appId, clusterName: rollout.branchName, namespaceName: rollout.namespaceName },
            { releaseKeys: keys, page: 0, size: MAX_INSTANCES },
          ),
    ]);
    const quietSince = now.getTime() - plan.gates.silentAfterMs;
    const silentInstances = onRelease.content.filter(
      (view) => view.config.lastSeenAt.getTime() < quietSince,
    ).length;
    const shared = withCheck && plan.gates.checkUrl ? await this.sharedCheck(rollout, plan, now) : undefined;
    const check = shared?.verdict;
    // What an operator reads: the verdict the ticking admin-services recorded last.
    const last = withCheck ? undefined : recordedCheck(rollout);
    return {
      verdict: evaluateGates(plan.gates, { rejectedInstances, silentInstances, check: check ?? undefined }),
      checkPending: check === null,
      claimed: shared?.claimed ?? false,
      health: {
        ...(last ? { check: last } : {}),
        instancesOnRelease: onRelease.total,
        rejectedInstances,
        silentInstances,
        rejections: rejections.map((row) => ({
          appId: row.appId,
          ip: row.ip,
          status: row.status,
          message: row.message,
          releaseKey: row.releaseKey,
          reportedAt: new Date(row.reportedAt).toISOString(),
        })),
      },
    };
  }

  /**
   * The plan's HTTP check, asked by one admin-service per tick: a verdict recorded within the last
   * tick is reused; otherwise the admin-service that claims the check (moves the rollout's
   * `checkClaimedAt` past the last tick, one UPDATE that only one of them wins) asks it and
   * records the verdict and its time. The others take the newest verdict while it is recent (two
   * ticks and the check's timeout); null: none is, decide nothing yet.
   */
  private async sharedCheck(
    rollout: RolloutEntity,
    plan: RolloutPlan,
    now: Date,
  ): Promise<{ verdict: HttpCheckVerdict | null; claimed: boolean }> {
    const repos = this.options.database.repos;
    const tickMs = (this.options.rollouts ?? DEFAULT_ROLLOUT_SETTINGS).tickMs;
    const at = now.getTime();
    // A verdict from before the step began (or was resumed) says nothing of it.
    const since = new Date(rollout.stepStartedAt).getTime();
    const stored = parseVerdict(rollout.checkVerdict);
    if (stored && rollout.checkedAt > Math.max(at - tickMs, since))
      return { verdict: stored, claimed: false };
    if (await repos.rollouts.claimCheck(rollout.id, at, at - tickMs)) {
      const verdict = await this.check(plan.gates.checkUrl!, plan.gates.checkTimeoutMs);
      await repos.rollouts.recordCheck(rollout.id, JSON.stringify(verdict), Date.now());
      return { verdict, claimed: true };
    }
    const current = await repos.rollouts.findById(rollout.id);
    const recent = current && parseVerdict(current.checkVerdict);
    const fresh = recent && current.checkedAt > Math.max(at - 2 * tickMs - plan.gates.checkTimeoutMs, since);
    return { verdict: fresh ? recent : null, claimed: false };
  }

  /** GET the check URL within its timeout, no redirects followed, at most 64 KiB read. */
  private async check(url: string, timeoutMs: number): Promise<HttpCheckVerdict> {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json' },
      });
      const body = await readBoundedText(response, MAX_CHECK_BODY);
      return body.complete
        ? httpCheckVerdict(response.status, body.text)
        : { healthy: false, reason: 'answer too large' };
    } catch (error) {
      const name = (error as Error).name;
      return {
        healthy: false,
        reason:
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${timeoutMs} ms`
            : `unreachable (${(error as Error).message})`,
      };
    }
  }
}

function parseVerdict(text: string): HttpCheckVerdict | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as HttpCheckVerdict;
    return typeof parsed.healthy === 'boolean' ? parsed : null;
  } catch {
    return null;
  }
}

/** The last verdict recorded on the rollout, for the operator. */
function recordedCheck(rollout: RolloutEntity): RolloutHealthDto['check'] {
  const verdict = parseVerdict(rollout.checkVerdict);
  return verdict && rollout.checkedAt > 0
    ? {
        healthy: verdict.healthy,
        reason: verdict.reason,
        checkedAt: new Date(rollout.checkedAt).toISOString(),
      }
    : undefined;
}
