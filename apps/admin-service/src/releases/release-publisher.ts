import {
  assertUnchangedSinceChecked,
  checkReleasePrecondition,
  checkSecretRelease,
  configurationsOf,
  createReleaseKey,
  defaultReleaseTitle,
  DomainError,
  ReleaseOperation,
  type ReleaseOperationCode,
  type ReleasePrecondition,
} from '@houston/domain';
import type { ReleaseEntity } from '@houston/entities';
import type { NamespaceRef, RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { rebaseBranchOnMainRelease } from '../branches/gray-branch';
import { ItemService } from '../items/item.service';
import {
  locateNamespace,
  type LocatedNamespace,
  type NamespaceAddress,
} from '../namespaces/namespace-locator';
import type { RecordRequest } from '../idempotency/idempotent-requests';
import { ReleaseAnnouncer, type Announce } from './release-announcer';
import { enforceSchema } from '../schemas/enforce-schema';
import { ReleaseChecks } from './release-checks';
import type { ReleaseDto } from './release.dto';
import { parseConfigurations, toReleaseDto } from './release.mapper';

export interface PublishRequest extends ReleasePrecondition {
  title?: string;
  comment?: string;
  isEmergencyPublish?: boolean;
  /** Release secrets to an app without an enabled access key; recorded. */
  allowSecretsWithoutAccessKey?: boolean;
}

/**
 * Publishing and rolling back. Each is one transaction: the Release, its ReleaseHistory, the
 * ReleaseMessage clients are woken by (written by the announcer), and the Audit row are written
 * together or not at all, so a client can never be told of a release that does not exist.
 */
@Injectable()
export class ReleasePublisher {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly items: ItemService,
    private readonly announcer: ReleaseAnnouncer,
    private readonly checks: ReleaseChecks,
  ) {}

  async publish(
    address: NamespaceAddress,
    request: PublishRequest,
    operator: string,
    record?: RecordRequest<ReleaseDto>,
  ): Promise<ReleaseDto> {
    // Validation webhooks are asked before the transaction: a slow hook must not hold the
    // namespace row (or, on SQLite, the database). What they approved is checked again inside.
    const approved = await this.askWebhooks(address, operator);
    const release = await this.announcer.transaction(async (repos, announce) => {
      const located = await locateNamespace(repos, address);
      if (located.cluster.parentClusterId !== 0) {
        throw new DomainError(
          'CONFLICT',
          `${address.cluster} is a gray branch: publish it with POST …/branches/{branch}/releases`,
          {
            cluster: address.cluster,
          },
        );
      }
      await repos.namespaces.lockForUpdate(located.namespace.id);
      // "Publish only if unchanged": checked under the namespace lock, so no edit or release can
      // land between this check and the release row.
      if (request.expectedBaseReleaseId !== undefined || request.expectedFingerprint !== undefined) {
        const ref = {
          appId: located.namespace.appId,
          clusterName: located.namespace.clusterName,
          namespaceName: located.namespace.namespaceName,
        };
        checkReleasePrecondition(request, {
          baseReleaseId: (await repos.releases.findLatestActive(ref))?.id ?? 0,
          configurations: configurationsOf(await repos.items.listByNamespace(located.namespace.id)),
        });
      }
      if (approved) {
        const now = configurationsOf(await repos.items.listByNamespace(located.namespace.id));
        assertUnchangedSinceChecked(approved, now, { ...address }, 'publish again');
      }
      const published = await this.publishLocked(
        repos,
        announce,
        located,
        request,
        operator,
        ReleaseOperation.NORMAL_RELEASE,
      );
      await record?.(repos, toReleaseDto(published));
      return published;
    }, 'publish');
    return toReleaseDto(release);
  }

  /** The release checks, before the transaction; what the webhooks approved (undefined: there are none). */
  private async askWebhooks(
    address: NamespaceAddress,
    operator: string,
  ): Promise<Record<string, string> | undefined> {
    const repos = this.options.database.repos;
    const located = await locateNamespace(repos, address);
    if (located.cluster.parentClusterId !== 0) return undefined;
    const next = configurationsOf(await repos.items.listByNamespace(located.namespace.id));
    return this.checks.enforce(repos, { located, next, what: 'the release', operator });
  }

  /**
   * A main release inside the caller's transaction, which holds the namespace row: the Release,
   * its history, the gray branch carried onto it, the message, the audit row, the lock freed.
   */
  async publishLocked(
    repos: RepositoryPorts,
    announce: Announce,
    located: LocatedNamespace,
    request: PublishRequest,
    operator: string,
    operation: ReleaseOperationCode,
  ): Promise<ReleaseEntity> {
    const ns = located.namespace;
    const ref = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
    const lastCommitId = await repos.commits.latestId(ref.appId, ref.clusterName, ref.namespaceName);
    if (this.options.governance.editorCannotRelease) await this.refuseOwnChanges(repos, ref, operator);
    const items = await repos.items.listByNamespace(ns.id);
    // What was valid when edited may not be now (the schema changed since): checked again here.
    await enforceSchema(repos, this.options.documents, located.definition, 'the release', () =>
      configurationsOf(items),
    );
    const { overridden: secretsUnguarded } = checkSecretRelease(
      ref.appId,
      configurationsOf(items),
      await repos.accessKeys.lockEnabledModes(ref.appId),
      request.allowSecretsWithoutAccessKey ?? false,
    );
    const previous = await repos.releases.findLatestActive(ref);
    const release = await repos.releases.insert({
      ...ref,
      releaseKey: createReleaseKey(),
      name: request.title?.trim() || defaultReleaseTitle(),
      comment: request.comment ?? '',
      configurations: JSON.stringify(configurationsOf(items)),
      isAbandoned: false,
      createdBy: operator,
      lastModifiedBy: operator,
    });
    await repos.releaseHistories.insert({
      ...ref,
      branchName: ns.clusterName,
      releaseId: release.id,
      previousReleaseId: previous?.id ?? 0,
      operation,
      operationContext: JSON.stringify({
        isEmergencyPublish: request.isEmergencyPublish ?? false,
        lastCommitId,
        ...(secretsUnguarded ? { secretsWithoutAccessKey: true } : {}),
      }),
      createdBy: operator,
      lastModifiedBy: operator,
    });
    await announce(ref);
    await rebaseBranchOnMainRelease(repos, this.items, located, release, operator);
    await repos.audits.record(
      'Release',
      release.id,
      'RELEASE',
      operator,
      secretsUnguarded ? `${release.name} (secrets released without an access key)` : release.name,
    );
    // Released: whoever held the namespace lock is done with it.
    await repos.namespaceLocks.delete(ns.id);
    return release;
  }

  /**
   * Apollo's rollback: the namespace's latest active release is abandoned (or every active one
   * after `toReleaseId`), so clients get the one before. Items are left as they are. The release
   * clients get back follows the secrets rule of a release (`checkSecretRelease`).
   */
  async rollback(
    releaseId: number,
    operator: string,
    toReleaseId?: number,
    record?: RecordRequest<ReleaseDto>,
    allowSecretsWithoutAccessKey = false,
  ): Promise<ReleaseDto> {
    const target = await this.announcer.transaction(async (repos, announce) => {
      const release = await repos.releases.findById(releaseId);
      if (!release) throw new DomainError('NOT_FOUND', `release ${releaseId} does not exist`, { releaseId });
      const ref = {
        appId: release.appId,
        clusterName: release.clusterName,
        namespaceName: release.namespaceName,
      };
      const namespace = await repos.namespaces.find(ref.appId, ref.clusterName, ref.namespaceName);
      if (namespace) await repos.namespaces.lockForUpdate(namespace.id);
      // A gray branch's clients watch the main cluster's key, and the history is the main namespace's.
      const cluster = await repos.clusters.find(ref.appId, ref.clusterName);
      const parentCluster =
        cluster && cluster.parentClusterId !== 0
          ? await repos.clusters.findById(cluster.parentClusterId)
          : null;
      const watchedCluster = parentCluster?.name ?? ref.clusterName;

      const [latest, before] = await repos.releases.listActive(ref, 2);
      if (release.isAbandoned || latest?.id !== release.id) {
        throw new DomainError(
          'CONFLICT',
          `release ${releaseId} is not the active release of its namespace; only that one can be rolled back`,
          {
            releaseId,
            activeReleaseId: latest?.id ?? null,
          },
        );
      }
      let target: ReleaseEntity;
      if (toReleaseId !== undefined) {
        const chosen = await repos.releases.findById(toReleaseId);
        const sameNamespace =
          chosen?.appId === ref.appId &&
          chosen.clusterName === ref.clusterName &&
          chosen.namespaceName === ref.namespaceName;
        if (!chosen || !sameNamespace || chosen.isAbandoned || chosen.id >= release.id) {
          throw new DomainError(
            'CONFLICT',
            `release ${toReleaseId} is not an earlier active release of the same namespace`,
            {
              releaseId,
              toReleaseId,
            },
          );
        }
        target = chosen;
        const abandoned = await repos.releases.listActiveNewerThan(ref, target.id);
        await repos.releases.abandon(
          abandoned.map((row) => row.id),
          operator,
        );
      } else {
        if (!before) {
          throw new DomainError('CONFLICT', 'there is no earlier active release to roll back to', {
            releaseId,
          });
        }
        target = before;
        await repos.releases.abandon([release.id], operator);
      }
      // Clients get the target back in clear: its secrets need a key as a new release's would.
      const { overridden } = checkSecretRelease(
        ref.appId,
        parseConfigurations(target.configurations),
        await repos.accessKeys.lockEnabledModes(ref.appId),
        allowSecretsWithoutAccessKey,
      );
      if (parentCluster) {
        const rule = await repos.grayRules.findByBranch(
          { ...ref, clusterName: parentCluster.name },
          ref.clusterName,
        );
        if (rule) await repos.grayRules.update(rule.id, { releaseId: target.id, lastModifiedBy: operator });
      }
      await repos.releaseHistories.insert({
        ...ref,
        clusterName: watchedCluster,
        branchName: ref.clusterName,
        releaseId: target.id,
        previousReleaseId: release.id,
        operation: ReleaseOperation.ROLLBACK,
        operationContext: JSON.stringify({
          ...(toReleaseId === undefined ? {} : { toReleaseId }),
          ...(overridden ? { secretsWithoutAccessKey: true } : {}),
        }),
        createdBy: operator,
        lastModifiedBy: operator,
      });
      // On the watched key: a gray branch's clients watch the main cluster's.
      await announce(ref);
      await repos.audits.record(
        'Release',
        release.id,
        'ROLLBACK',
        operator,
        `to release ${target.id}${overridden ? ' (secrets released without an access key)' : ''}`,
      );
      await record?.(repos, toReleaseDto(target));
      return target;
    }, 'rollback');
    return toReleaseDto(target);
  }

  /** Separation of duties: the changes since the last release must be someone else's. */
  private async refuseOwnChanges(repos: RepositoryPorts, ref: NamespaceRef, operator: string): Promise<void> {
    const lastRelease = await repos.releaseHistories.findLatest(ref, ReleaseOperation.NORMAL_RELEASE);
    const context = lastRelease?.operationContext
      ? (JSON.parse(lastRelease.operationContext) as { lastCommitId?: number })
      : {};
    const authors = await repos.commits.authorsAfter(
      ref.appId,
      ref.clusterName,
      ref.namespaceName,
      context.lastCommitId ?? 0,
    );
    if (authors.includes(operator)) {
      throw new DomainError(
        'FORBIDDEN',
        `${operator} changed this namespace and so cannot release it; ask another person to`,
        {
          operator,
          editors: authors,
        },
      );
    }
  }
}
