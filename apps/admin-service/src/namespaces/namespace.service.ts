import {
  DomainError,
  isNamespaceFormat,
  isSecretEnvelope,
  SECRET_MASK,
  itemsToText,
  namespaceNameFor,
  validateNamespaceName,
  type NamespaceFormat,
} from '@houston/domain';
import type { AppNamespaceEntity } from '@houston/entities';
import { isUniqueViolation, type RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { DEFAULT_NAMESPACE } from '../apps/app.service';
import { ReleaseAnnouncer } from '../releases/release-announcer';
import { softDeleteNamespaces } from './namespace-removal';
import { auditFields } from '../common/audit-fields';
import { toItemDto } from '../items/item.mapper';
import { ItemService } from '../items/item.service';
import type { AppNamespaceDto, CreateAppNamespaceDto, NamespaceDto } from './namespace.dto';
import {
  definitionFor,
  locateApp,
  locateCluster,
  locateNamespace,
  type LocatedNamespace,
  type NamespaceAddress,
} from './namespace-locator';

export function toAppNamespaceDto(definition: AppNamespaceEntity): AppNamespaceDto {
  return {
    name: definition.name,
    appId: definition.appId,
    format: definition.format,
    isPublic: definition.isPublic,
    isSecret: definition.isSecret,
    comment: definition.comment,
    ...auditFields(definition),
  };
}

export async function describeNamespace(
  repos: RepositoryPorts,
  located: LocatedNamespace,
): Promise<NamespaceDto> {
  const items = await repos.items.listByNamespace(located.namespace.id);
  return {
    appId: located.namespace.appId,
    clusterName: located.namespace.clusterName,
    namespaceName: located.namespace.namespaceName,
    comment: located.definition.comment,
    format: located.definition.format,
    isPublic: located.definition.isPublic,
    isSecret: located.definition.isSecret,
    items: items.filter((item) => item.key !== '').map(toItemDto),
    // Secret values show as the mask, as in the items: a text edit sending it back leaves them be.
    configText: itemsToText(
      located.definition.format as NamespaceFormat,
      items.map((item) => (isSecretEnvelope(item.value) ? { ...item, value: SECRET_MASK } : item)),
    ),
    revision: await repos.commits.latestId(
      located.namespace.appId,
      located.namespace.clusterName,
      located.namespace.namespaceName,
    ),
  };
}

@Injectable()
export class NamespaceService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly announcer: ReleaseAnnouncer,
    private readonly items: ItemService,
  ) {}

  private get database() {
    return this.options.database;
  }

  async listDefinitions(appId: string): Promise<AppNamespaceDto[]> {
    await locateApp(this.database.repos, appId);
    return (await this.database.repos.appNamespaces.listByApp(appId)).map(toAppNamespaceDto);
  }

  async getDefinition(appId: string, name: string): Promise<AppNamespaceDto> {
    await locateApp(this.database.repos, appId);
    const definition = await this.database.repos.appNamespaces.findByAppAndName(appId, name);
    if (!definition)
      throw new DomainError('NOT_FOUND', `namespace ${name} of app ${appId} does not exist`, {
        appId,
        namespace: name,
      });
    return toAppNamespaceDto(definition);
  }

  /** Defines a namespace and instantiates it in every cluster of the app, in one transaction. */
  async createDefinition(
    appId: string,
    body: CreateAppNamespaceDto,
    operator: string,
  ): Promise<AppNamespaceDto> {
    if (body.appId !== undefined && body.appId !== appId) {
      throw new DomainError('VALIDATION_FAILED', 'appId in the body must match the path', { field: 'appId' });
    }
    validateNamespaceName(body.name);
    const format: NamespaceFormat = body.format ?? 'properties';
    if (!isNamespaceFormat(format))
      throw new DomainError('VALIDATION_FAILED', `unknown format ${String(format)}`, { field: 'format' });
    const isPublic = body.isPublic ?? false;
    const isSecret = body.isSecret ?? false;
    if (isSecret) this.items.assertCanSeal();
    try {
      const definition = await this.database.transaction(async (repos) => {
        const app = await locateApp(repos, appId);
        const prefix = isPublic && (body.appendNamespacePrefix ?? true) && app.orgId ? `${app.orgId}.` : '';
        const baseName = body.name.startsWith(prefix) ? body.name : prefix + body.name;
        const name = namespaceNameFor(baseName, format);
        validateNamespaceName(name);
        if (await repos.appNamespaces.findByAppAndName(appId, name)) {
          throw new DomainError('ALREADY_EXISTS', `namespace ${name} already exists in app ${appId}`, {
            appId,
            namespace: name,
          });
        }
        const publicNamesake = await repos.appNamespaces.findPublicByName(name);
        if (publicNamesake) {
          // Clients resolve a name they do not own to the public namespace of that name: two would be ambiguous.
          throw new DomainError(
            'ALREADY_EXISTS',
            `a public namespace ${name} already exists (app ${publicNamesake.appId})`,
            {
              namespace: name,
              ownerAppId: publicNamesake.appId,
            },
          );
        }
        const who = { createdBy: operator, lastModifiedBy: operator };
        const created = await repos.appNamespaces.insert({
          appId,
          name,
          format,
          isPublic,
          isSecret,
          comment: body.comment ?? '',
          ...who,
        });
        for (const cluster of await repos.clusters.listByApp(appId)) {
          await repos.namespaces.insert({ appId, clusterName: cluster.name, namespaceName: name, ...who });
        }
        await repos.audits.record('AppNamespace', created.id, 'INSERT', operator);
        return created;
      });
      return toAppNamespaceDto(definition);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('ALREADY_EXISTS', `namespace ${body.name} already exists`, { appId });
      throw error;
    }
  }

  /**
   * Marks the namespace secret (every item of it, in every cluster of the app, gray branches
   * included, and for a public one the overrides of every app associating it, is encrypted now,
   * one commit per cluster, and every later write is) or not (new
   * items are clear again; the secret ones stay so until updated with `"secret": false`).
   */
  async setSecret(appId: string, name: string, secret: boolean, operator: string): Promise<AppNamespaceDto> {
    if (secret) this.items.assertCanSeal();
    const definition = await this.database.transaction(async (repos) => {
      await locateApp(repos, appId);
      const definition = await repos.appNamespaces.findByAppAndName(appId, name);
      if (!definition)
        throw new DomainError('NOT_FOUND', `namespace ${name} of app ${appId} does not exist`, {
          appId,
          namespace: name,
        });
      if (definition.isSecret === secret) return definition;
      await repos.appNamespaces.update(definition.id, { isSecret: secret, lastModifiedBy: operator });
      definition.isSecret = secret;
      if (secret) {
        // A public namespace's items are also the overrides other apps wrote into it.
        const apps = definition.isPublic
          ? [appId, ...(await repos.namespaces.appsAssociating(definition.name, appId))]
          : [appId];
        for (const holder of apps) {
          // An app with a namespace of its own of that name does not hold this one.
          if ((await definitionFor(repos, holder, definition.name))?.definition.id !== definition.id)
            continue;
          for (const namespace of await repos.namespaces.listByName(holder, definition.name)) {
            await repos.namespaces.lockForUpdate(namespace.id);
            const located = await locateNamespace(repos, {
              appId: holder,
              cluster: namespace.clusterName,
              namespace: namespace.namespaceName,
            });
            await this.items.sealAll(repos, { ...located, definition }, operator);
          }
        }
      }
      await repos.audits.record('AppNamespace', definition.id, 'UPDATE', operator, `secret: ${secret}`);
      return definition;
    });
    return toAppNamespaceDto(definition);
  }

  /** Removes the namespace from every cluster of the app, items included; its releases stay as history. */
  async deleteDefinition(appId: string, name: string, operator: string): Promise<void> {
    await this.announcer.transaction(async (repos, announce) => {
      await locateApp(repos, appId);
      const definition = await repos.appNamespaces.findByAppAndName(appId, name);
      if (!definition)
        throw new DomainError('NOT_FOUND', `namespace ${name} of app ${appId} does not exist`, {
          appId,
          namespace: name,
        });
      if (definition.name === DEFAULT_NAMESPACE) {
        throw new DomainError('CONFLICT', 'the application namespace cannot be deleted', { namespace: name });
      }
      if (definition.isPublic) {
        const associating = await repos.namespaces.appsAssociating(definition.name, appId);
        if (associating.length > 0) {
          throw new DomainError(
            'CONFLICT',
            `public namespace ${definition.name} is associated by ${associating.join(', ')}`,
            {
              namespace: definition.name,
              associatedBy: associating,
            },
          );
        }
      }
      await softDeleteNamespaces(
        repos,
        announce,
        await repos.namespaces.listByName(appId, definition.name),
        operator,
      );
      await repos.appNamespaces.softDelete(definition.id, operator);
      await repos.audits.record('AppNamespace', definition.id, 'DELETE', operator);
    });
  }

  async listInCluster(appId: string, cluster: string): Promise<NamespaceDto[]> {
    const repos = this.database.repos;
    await locateCluster(repos, appId, cluster);
    const namespaces = await repos.namespaces.listByCluster(appId, cluster);
    const described: NamespaceDto[] = [];
    for (const namespace of namespaces) {
      described.push(
        await describeNamespace(
          repos,
          await locateNamespace(repos, { appId, cluster, namespace: namespace.namespaceName }),
        ),
      );
    }
    return described;
  }

  async get(address: NamespaceAddress): Promise<NamespaceDto> {
    const repos = this.database.repos;
    return describeNamespace(repos, await locateNamespace(repos, address));
  }
}
