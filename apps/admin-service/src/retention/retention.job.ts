import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { releasesToPrune } from '@houston/domain';
import type { AgedTable, NamespaceRef } from '@houston/persistence';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { RETENTION_OFF, retentionEnabled, type RetentionPolicy } from './retention-policy';

export interface RetentionReport {
  releases: number;
  releaseHistories: number;
  commits: number;
  audits: number;
  /** Notification deliveries delivered or failed (never one still to be sent). */
  webhookDeliveries: number;
}

/** Batches one pass may run per kind of row, so a huge backlog is worked off over several passes. */
const MAX_BATCHES_PER_PASS = 100;

/**
 * Apollo 2.2's retention, off by default: in the background, every `intervalMs`, deletes the
 * releases of each namespace beyond the newest `keepReleases` (never the active one, nor a gray
 * branch's base) and the release histories, commits and audit rows older than `maxAgeMs`. Work
 * is done in small transactions with the event loop yielded between them; release pruning holds
 * the namespace row like a publish or rollback, so it never races one. Several admin-services
 * may run it at once: deleting what another already deleted is a no-op.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private pass?: Promise<unknown>;
  private stopped = false;

  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private get policy(): RetentionPolicy {
    return this.options.retention ?? RETENTION_OFF;
  }

  onApplicationBootstrap(): void {
    if (retentionEnabled(this.policy)) this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.runOnce()
        .then((report) => {
          if (Object.values(report).some((count) => count > 0)) this.logger.log({ msg: 'pruned', ...report });
        })
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'retention pass failed; retried next time', error }),
        )
        .finally(() => this.schedule());
    }, this.policy.intervalMs);
    this.timer.unref();
  }

  /** One pass over everything the policy prunes; what it deleted. */
  async runOnce(): Promise<RetentionReport> {
    const policy = this.policy;
    const report: RetentionReport = {
      releases: 0,
      releaseHistories: 0,
      commits: 0,
      audits: 0,
      webhookDeliveries: 0,
    };
    if (policy.keepReleases > 0) report.releases = await this.pruneReleases(policy);
    if (policy.maxAgeMs > 0) {
      const before = new Date(Date.now() - policy.maxAgeMs);
      report.releaseHistories = await this.pruneAged('release_history', before, policy.batchSize);
      report.commits = await this.pruneAged('commit', before, policy.batchSize);
      report.audits = await this.pruneAged('audit', before, policy.batchSize);
      report.webhookDeliveries = await this.pruneAged('webhook_delivery', before, policy.batchSize);
    }
    return report;
  }

  private async pruneReleases(policy: RetentionPolicy): Promise<number> {
    const database = this.options.database;
    let pruned = 0;
    let batches = 0;
    const refs = await database.repos.retention.namespacesOverReleaseLimit(policy.keepReleases, 1_000);
    for (const ref of refs) {
      for (;;) {
        if (this.stopped || ++batches > MAX_BATCHES_PER_PASS) return pruned;
        const deleted = await this.pruneReleaseBatch(ref, policy);
        pruned += deleted;
        await yieldToEventLoop();
        if (deleted < policy.batchSize) break;
      }
    }
    return pruned;
  }

  private async pruneReleaseBatch(ref: NamespaceRef, policy: RetentionPolicy): Promise<number> {
    const database = this.options.database;
    const namespace = await database.repos.namespaces.find(ref.appId, ref.clusterName, ref.namespaceName);
    return database.transaction(async (repos) => {
      // First statement: publishes, rollbacks and branch changes of this namespace wait for us.
      if (namespace) await repos.namespaces.lockForUpdate(namespace.id);
      const active = await repos.releases.findLatestActive(ref);
      const protectedIds = await repos.retention.grayBaseReleaseIds();
      if (active) protectedIds.add(active.id);
      const ids = await repos.retention.releaseIdsNewestFirst(ref);
      const doomed = releasesToPrune(ids, policy.keepReleases, protectedIds).slice(0, policy.batchSize);
      await repos.retention.delete('release', doomed);
      return doomed.length;
    });
  }

  private async pruneAged(table: AgedTable, before: Date, batchSize: number): Promise<number> {
    let pruned = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !this.stopped; batch++) {
      const deleted = await this.options.database.transaction(async (repos) => {
        const ids = await repos.retention.oldRowIds(table, before, batchSize);
        await repos.retention.delete(table, ids);
        return ids.length;
      });
      pruned += deleted;
      await yieldToEventLoop();
      if (deleted < batchSize) break;
    }
    return pruned;
  }
}
