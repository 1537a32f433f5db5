import { DomainError, type NamespaceFormat } from '@houston/domain';
import type { NamespaceSchemaEntity } from '@houston/entities';
import { isUniqueViolation } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateApp } from '../namespaces/namespace-locator';
import type { NamespaceSchemaDto } from './namespace-schema.dto';

function toDto(row: NamespaceSchemaEntity): NamespaceSchemaDto {
  return {
    appId: row.appId,
    namespaceName: row.namespaceName,
    version: row.version,
    schema: row.definition === '' ? null : (JSON.parse(row.definition) as Record<string, unknown>),
    comment: row.comment,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** The JSON Schema of a namespace definition: set, removed, read, its history. */
@Injectable()
export class NamespaceSchemaService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private async definition(appId: string, namespace: string) {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    const definition = await repos.appNamespaces.findByAppAndName(appId, namespace);
    if (!definition) {
      throw new DomainError('NOT_FOUND', `namespace ${namespace} of app ${appId} does not exist`, {
        appId,
        namespace,
      });
    }
    return definition;
  }

  async current(appId: string, namespace: string): Promise<NamespaceSchemaDto> {
    const definition = await this.definition(appId, namespace);
    const latest = await this.options.database.repos.namespaceSchemas.latest(appId, definition.name);
    if (!latest || latest.definition === '') {
      throw new DomainError('NOT_FOUND', `namespace ${namespace} of app ${appId} has no schema`, {
        appId,
        namespace,
      });
    }
    return toDto(latest);
  }

  async history(appId: string, namespace: string): Promise<NamespaceSchemaDto[]> {
    const definition = await this.definition(appId, namespace);
    return (await this.options.database.repos.namespaceSchemas.history(appId, definition.name)).map(toDto);
  }

  /** A new version; the schema is compiled first (on the document worker), an unusable one is refused with 400. */
  async set(
    appId: string,
    namespace: string,
    schema: Record<string, unknown>,
    comment: string,
    operator: string,
  ): Promise<NamespaceSchemaDto> {
    const definition = await this.definition(appId, namespace);
    const text = JSON.stringify(schema);
    await this.options.documents.checkSchema(definition.format as NamespaceFormat, text);
    return this.append(appId, definition.name, text, comment, operator);
  }

  /** Removal is a version too: the history shows when the schema stopped being enforced. */
  async remove(appId: string, namespace: string, operator: string): Promise<NamespaceSchemaDto> {
    const definition = await this.definition(appId, namespace);
    const latest = await this.options.database.repos.namespaceSchemas.latest(appId, definition.name);
    if (!latest || latest.definition === '') {
      throw new DomainError('NOT_FOUND', `namespace ${namespace} of app ${appId} has no schema`, {
        appId,
        namespace,
      });
    }
    return this.append(appId, definition.name, '', 'removed', operator);
  }

  private async append(
    appId: string,
    namespaceName: string,
    definition: string,
    comment: string,
    operator: string,
  ): Promise<NamespaceSchemaDto> {
    const row = await this.options.database
      .transaction(async (repos) => {
        const appended = await repos.namespaceSchemas.append({
          appId,
          namespaceName,
          definition,
          comment,
          createdBy: operator,
        });
        await repos.audits.record('NamespaceSchema', appended.id, definition ? 'INSERT' : 'DELETE', operator);
        return appended;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error)
          ? new DomainError(
              'CONCURRENT_MODIFICATION',
              'the schema was changed at the same time; read it and retry',
              {
                appId,
                namespace: namespaceName,
              },
            )
          : error;
      });
    return toDto(row);
  }
}
