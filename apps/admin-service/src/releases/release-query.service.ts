import {
  compareConfigurations,
  configurationFingerprint,
  configurationsOf,
  DomainError,
  maskSecretsDeep,
} from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateNamespace, type NamespaceAddress } from '../namespaces/namespace-locator';
import type {
  ConfigurationDiffDto,
  ReleaseDto,
  ReleaseHistoryPageDto,
  UnreleasedChangesDto,
} from './release.dto';
import { parseConfigurations, toReleaseDto, toReleaseHistoryDto } from './release.mapper';

@Injectable()
export class ReleaseQueryService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private get repos() {
    return this.options.database.repos;
  }

  private async ref(address: NamespaceAddress) {
    const { namespace } = await locateNamespace(this.repos, address);
    return {
      appId: namespace.appId,
      clusterName: namespace.clusterName,
      namespaceName: namespace.namespaceName,
    };
  }

  async latest(address: NamespaceAddress): Promise<ReleaseDto> {
    const release = await this.repos.releases.findLatestActive(await this.ref(address));
    if (!release)
      throw new DomainError('NOT_FOUND', `namespace ${address.namespace} has no release yet`, { ...address });
    return toReleaseDto(release);
  }

  async list(address: NamespaceAddress, page: number, size: number): Promise<ReleaseDto[]> {
    return (await this.repos.releases.listAll(await this.ref(address), size, page * size)).map(toReleaseDto);
  }

  async get(releaseId: number): Promise<ReleaseDto> {
    const release = await this.repos.releases.findById(releaseId);
    if (!release) throw new DomainError('NOT_FOUND', `release ${releaseId} does not exist`, { releaseId });
    return toReleaseDto(release);
  }

  async histories(address: NamespaceAddress, page: number, size: number): Promise<ReleaseHistoryPageDto> {
    const [rows, total] = await this.repos.releaseHistories.listByNamespace(
      await this.ref(address),
      page,
      size,
    );
    const releases = await this.repos.releases.findByIds([...new Set(rows.map((row) => row.releaseId))]);
    const byId = new Map(releases.map((release) => [release.id, release]));
    return {
      content: rows.map((row) => toReleaseHistoryDto(row, byId.get(row.releaseId))),
      page,
      size,
      total,
    };
  }

  /** Keys added, modified and deleted from the base release to the other; base 0 means "nothing". */
  async compare(baseReleaseId: number, toCompareReleaseId: number): Promise<ConfigurationDiffDto> {
    const base = baseReleaseId === 0 ? {} : await this.configurations(baseReleaseId);
    const target = await this.configurations(toCompareReleaseId);
    // Compared encrypted, so that a changed secret shows as modified, then masked.
    return maskSecretsDeep(compareConfigurations(base, target));
  }

  private async configurations(releaseId: number): Promise<Record<string, string>> {
    const release = await this.repos.releases.findById(releaseId);
    if (!release) throw new DomainError('NOT_FOUND', `release ${releaseId} does not exist`, { releaseId });
    return parseConfigurations(release.configurations);
  }

  /** What a release now would change for clients. */
  async unreleased(address: NamespaceAddress): Promise<UnreleasedChangesDto> {
    const { namespace } = await locateNamespace(this.repos, address);
    const ref = {
      appId: namespace.appId,
      clusterName: namespace.clusterName,
      namespaceName: namespace.namespaceName,
    };
    const latest = await this.repos.releases.findLatestActive(ref);
    const current = configurationsOf(await this.repos.items.listByNamespace(namespace.id));
    const changes = maskSecretsDeep(
      compareConfigurations(latest ? parseConfigurations(latest.configurations) : {}, current),
    );
    const hasChanges = changes.added.length + changes.modified.length + changes.deleted.length > 0;
    return {
      baseReleaseId: latest?.id ?? 0,
      hasChanges,
      changes,
      fingerprint: configurationFingerprint(current),
    };
  }
}
