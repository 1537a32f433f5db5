import { Inject, Injectable, Logger } from '@nestjs/common';
import { Between, In, Raw, type FindOptionsWhere } from 'typeorm';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalAuditChangeEntity, PortalAuditEntity } from '../persistence/portal-entities';

export type AuditRecord = Omit<PortalAuditEntity, 'id' | 'createdAt' | 'entity' | 'action'> & {
  /** What was changed and by which handler ('' when the caller does not say). */
  entity?: string;
  action?: string;
  /** JSON text of the state before and after (null or absent: none). */
  beforeValue?: string | null;
  afterValue?: string | null;
};

export type AuditRow = PortalAuditEntity & { beforeValue: string | null; afterValue: string | null };

export interface AuditQuery {
  page: number;
  size: number;
  username?: string;
  env?: string;
  appId?: string;
  action?: string;
  /** Rows whose entity starts with this (`item shop/default/application`). */
  entity?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  to?: number;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('PortalAudit');

  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  /** A failed write of the audit row is logged, never turned into a failure of the request. */
  async record(entry: AuditRecord): Promise<void> {
    const { beforeValue = null, afterValue = null, entity = '', action = '', ...row } = entry;
    try {
      const { identifiers } = await this.database.manager.getRepository(PortalAuditEntity).insert({
        ...row,
        route: entry.route.slice(0, 255),
        path: entry.path.slice(0, 1024),
        env: entry.env.slice(0, 32),
        appId: entry.appId.slice(0, 64),
        entity: entity.slice(0, 255),
        action: action.slice(0, 64),
      });
      if (beforeValue !== null || afterValue !== null) {
        await this.database.manager.getRepository(PortalAuditChangeEntity).insert({
          auditId: Number(identifiers[0]!['id']),
          beforeValue: beforeValue ?? 'null',
          afterValue: afterValue ?? 'null',
        });
      }
    } catch (error) {
      this.logger.error({ msg: 'could not record a portal audit row', entry, error: String(error) });
    }
  }

  async page(query: AuditQuery) {
    const where: FindOptionsWhere<PortalAuditEntity> = {};
    if (query.username) where.username = query.username.toLowerCase();
    if (query.env) where.env = query.env.toUpperCase();
    if (query.appId) where.appId = query.appId;
    if (query.action) where.action = query.action;
    if (query.entity) {
      const prefix = `${escapeLike(query.entity)}%`;
      where.entity = Raw((column) => `${column} LIKE :prefix ESCAPE '!'`, { prefix });
    }
    if (query.from !== undefined || query.to !== undefined) {
      where.createdAt = Between(new Date(query.from ?? 0), new Date(query.to ?? 8_640_000_000_000_000));
    }
    const [content, total] = await this.database.manager.getRepository(PortalAuditEntity).findAndCount({
      where,
      order: { id: 'DESC' },
      skip: query.page * query.size,
      take: query.size,
    });
    const changes =
      content.length === 0
        ? []
        : await this.database.manager
            .getRepository(PortalAuditChangeEntity)
            .findBy({ auditId: In(content.map((row) => row.id)) });
    const byId = new Map(changes.map((change) => [change.auditId, change]));
    const rows: AuditRow[] = content.map((row) => ({
      ...row,
      beforeValue: byId.get(row.id)?.beforeValue ?? null,
      afterValue: byId.get(row.id)?.afterValue ?? null,
    }));
    return { content: rows, page: query.page, size: query.size, total };
  }
}

/** `%` and `_` in a filter are the characters themselves (escaped with `!`, the same in both dialects). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
