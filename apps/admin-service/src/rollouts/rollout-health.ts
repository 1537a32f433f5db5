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
import type { RolloutHealthDto } from './rollout.dto';

/** Instances looked at per evaluation: a rollout's gray share of a very large fleet is sampled up to this. */
const MAX_INSTANCES = 10_000;
const MAX_CHECK_BODY = 64 * 1024;

export interface RolloutHealthReport {
  verdict: GateVerdict;
  health: RolloutHealthDto;
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
    const check =
      withCheck && plan.gates.checkUrl
        ? await this.check(plan.gates.checkUrl, plan.gates.checkTimeoutMs)
        : undefined;
    return {
      verdict: evaluateGates(plan.gates, { rejectedInstances, silentInstances, check }),
      health: {
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

  /** GET the check URL within its timeout, no redirects followed, at most 64 KiB read. */
  private async check(url: string, timeoutMs: number): Promise<HttpCheckVerdict> {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json' },
      });
      const body = await readBounded(response, MAX_CHECK_BODY);
      return body === undefined
        ? { healthy: false, reason: 'answer too large' }
        : httpCheckVerdict(response.status, body);
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

async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
