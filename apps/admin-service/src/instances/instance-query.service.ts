import { DomainError } from '@houston/domain';
import { type InstancePage, type InstanceStore, type NamespaceRef } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateNamespace, type NamespaceAddress } from '../namespaces/namespace-locator';
import type { InstancePageDto } from './instance.dto';
import { instanceStoreOf } from './instance-store-of';

function toPage(page: InstancePage, number: number, size: number): InstancePageDto {
  return {
    page: number,
    size,
    total: page.total,
    content: page.content.map((view) => ({
      appId: view.appId,
      clusterName: view.clusterName,
      dataCenter: view.dataCenter,
      ip: view.ip,
      label: view.label,
      config: {
        releaseKey: view.config.releaseKey,
        releaseDeliveryTime: view.config.releaseDeliveredAt.toISOString(),
        dataChangeLastModifiedTime: view.config.lastSeenAt.toISOString(),
      },
    })),
  };
}

/** The client instances config-service recorded: who reads a namespace, and on which release. */
@Injectable()
export class InstanceQueryService {
  private readonly store: InstanceStore;

  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {
    this.store = instanceStoreOf(options);
  }

  private async ref(address: NamespaceAddress): Promise<NamespaceRef> {
    const { namespace } = await locateNamespace(this.options.database.repos, address);
    return {
      appId: namespace.appId,
      clusterName: namespace.clusterName,
      namespaceName: namespace.namespaceName,
    };
  }

  async byNamespace(address: NamespaceAddress, page: number, size: number): Promise<InstancePageDto> {
    return toPage(await this.store.listByNamespace(await this.ref(address), { page, size }), page, size);
  }

  async byRelease(releaseId: number, page: number, size: number): Promise<InstancePageDto> {
    const release = await this.options.database.repos.releases.findById(releaseId);
    if (!release) throw new DomainError('NOT_FOUND', `release ${releaseId} does not exist`, { releaseId });
    const ref = {
      appId: release.appId,
      clusterName: release.clusterName,
      namespaceName: release.namespaceName,
    };
    return toPage(
      await this.store.listByNamespace(ref, { releaseKeys: [release.releaseKey], page, size }),
      page,
      size,
    );
  }

  /** The question after a release: who has not picked it up yet. */
  async notOnLatestRelease(address: NamespaceAddress, page: number, size: number): Promise<InstancePageDto> {
    const ref = await this.ref(address);
    const latest = await this.options.database.repos.releases.findLatestActive(ref);
    if (!latest)
      throw new DomainError('NOT_FOUND', `namespace ${address.namespace} has no release yet`, { ...address });
    const current = [latest.releaseKey, ...(await this.grayReleaseKeys(ref))];
    return toPage(
      await this.store.listByNamespace(ref, { excludeReleaseKeys: current, page, size }),
      page,
      size,
    );
  }

  /** Clients in a gray rule hold the branch's release, which is just as current. */
  private async grayReleaseKeys(ref: NamespaceRef): Promise<string[]> {
    const repos = this.options.database.repos;
    const keys: string[] = [];
    for (const rule of await repos.grayRules.listActive(ref)) {
      const release = rule.releaseId ? await repos.releases.findById(rule.releaseId) : null;
      if (release && !release.isAbandoned) keys.push(release.releaseKey);
    }
    return keys;
  }
}
