import { DEFAULT_CLUSTER, DomainError, validateAppId } from '@houston/domain';
import type { AppEntity } from '@houston/entities';
import { isUniqueViolation } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { softDeleteClusterContents } from '../clusters/cluster.service';
import { ReleaseAnnouncer } from '../releases/release-announcer';
import { auditFields } from '../common/audit-fields';
import { locateApp } from '../namespaces/namespace-locator';
import type { AppDto, AppFieldsDto } from './app.dto';

export const DEFAULT_NAMESPACE = 'application';

export function toAppDto(app: AppEntity): AppDto {
  return {
    appId: app.appId,
    name: app.name,
    orgId: app.orgId,
    orgName: app.orgName,
    ownerName: app.ownerName,
    ownerEmail: app.ownerEmail,
    incrementalSync: app.incrementalSync,
    ...auditFields(app),
  };
}

@Injectable()
export class AppService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly announcer: ReleaseAnnouncer,
  ) {}

  private get database() {
    return this.options.database;
  }

  async list(appIds?: string[]): Promise<AppDto[]> {
    return (await this.database.repos.apps.list(appIds)).map(toAppDto);
  }

  async get(appId: string): Promise<AppDto> {
    return toAppDto(await locateApp(this.database.repos, appId));
  }

  /** An app starts with cluster `default` and its private `application` namespace, as in Apollo. */
  async create(fields: AppFieldsDto, operator: string): Promise<AppDto> {
    const appId = fields.appId ?? '';
    validateAppId(appId);
    if (!fields.name?.trim()) {
      throw new DomainError('VALIDATION_FAILED', 'name must not be empty', { field: 'name' });
    }
    try {
      const app = await this.database.transaction(async (repos) => {
        if (await repos.apps.findByAppId(appId)) {
          throw new DomainError('ALREADY_EXISTS', `app ${appId} already exists`, { appId });
        }
        const who = { createdBy: operator, lastModifiedBy: operator };
        const created = await repos.apps.insert({
          appId,
          name: fields.name!.trim(),
          orgId: fields.orgId ?? '',
          orgName: fields.orgName ?? '',
          ownerName: fields.ownerName ?? operator,
          ownerEmail: fields.ownerEmail ?? '',
          incrementalSync: fields.incrementalSync ?? false,
          ...who,
        });
        const cluster = await repos.clusters.insert({
          appId,
          name: DEFAULT_CLUSTER,
          parentClusterId: 0,
          ...who,
        });
        const definition = await repos.appNamespaces.insert({
          appId,
          name: DEFAULT_NAMESPACE,
          format: 'properties',
          isPublic: false,
          comment: 'default app namespace',
          ...who,
        });
        await repos.namespaces.insert({
          appId,
          clusterName: DEFAULT_CLUSTER,
          namespaceName: DEFAULT_NAMESPACE,
          ...who,
        });
        await repos.audits.record('App', created.id, 'INSERT', operator);
        await repos.audits.record('Cluster', cluster.id, 'INSERT', operator);
        await repos.audits.record('AppNamespace', definition.id, 'INSERT', operator);
        return created;
      });
      return toAppDto(app);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('ALREADY_EXISTS', `app ${appId} already exists`, { appId });
      throw error;
    }
  }

  async update(appId: string, fields: AppFieldsDto, operator: string): Promise<AppDto> {
    if (fields.appId !== undefined && fields.appId !== appId) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'appId in the body must match the path; an app id cannot change',
        {
          field: 'appId',
        },
      );
    }
    if (fields.name !== undefined && !fields.name.trim()) {
      throw new DomainError('VALIDATION_FAILED', 'name must not be empty', { field: 'name' });
    }
    const updated = await this.database.transaction(async (repos) => {
      const app = await locateApp(repos, appId);
      const changes: Partial<AppEntity> = { lastModifiedBy: operator };
      if (fields.name !== undefined) changes.name = fields.name.trim();
      if (fields.orgId !== undefined) changes.orgId = fields.orgId;
      if (fields.orgName !== undefined) changes.orgName = fields.orgName;
      if (fields.ownerName !== undefined) changes.ownerName = fields.ownerName;
      if (fields.ownerEmail !== undefined) changes.ownerEmail = fields.ownerEmail;
      if (fields.incrementalSync !== undefined) changes.incrementalSync = fields.incrementalSync;
      await repos.apps.update(app.id, changes);
      await repos.audits.record('App', app.id, 'UPDATE', operator);
      return locateApp(repos, appId);
    });
    return toAppDto(updated);
  }

  /**
   * Soft-deletes the app with its clusters, namespaces and items. Releases stay (history), but
   * clients stop getting them because their namespaces are gone; the app id can be reused.
   */
  async delete(appId: string, operator: string): Promise<void> {
    await this.announcer.transaction(async (repos, announce) => {
      const app = await locateApp(repos, appId);
      for (const cluster of await repos.clusters.listAllByApp(appId)) {
        await softDeleteClusterContents(repos, announce, cluster, operator);
      }
      await repos.appNamespaces.softDeleteByApp(appId, operator);
      await repos.clusters.softDeleteByApp(appId, operator);
      await repos.apps.softDelete(app.id, operator);
      await repos.audits.record('App', app.id, 'DELETE', operator);
    });
  }
}
