import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalAuditEntity } from '../persistence/portal-entities';

export type AuditRecord = Omit<PortalAuditEntity, 'id' | 'createdAt'>;

export interface AuditQuery {
  page: number;
  size: number;
  username?: string;
  env?: string;
  appId?: string;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('PortalAudit');

  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  /** A failed write of the audit row is logged, never turned into a failure of the request. */
  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.database.manager.getRepository(PortalAuditEntity).insert({
        ...entry,
        route: entry.route.slice(0, 255),
        path: entry.path.slice(0, 1024),
        env: entry.env.slice(0, 32),
        appId: entry.appId.slice(0, 64),
      });
    } catch (error) {
      this.logger.error({ msg: 'could not record a portal audit row', entry, error: String(error) });
    }
  }

  async page(query: AuditQuery) {
    const where: FindOptionsWhere<PortalAuditEntity> = {};
    if (query.username) where.username = query.username.toLowerCase();
    if (query.env) where.env = query.env.toUpperCase();
    if (query.appId) where.appId = query.appId;
    const [content, total] = await this.database.manager.getRepository(PortalAuditEntity).findAndCount({
      where,
      order: { id: 'DESC' },
      skip: query.page * query.size,
      take: query.size,
    });
    return { content, page: query.page, size: query.size, total };
  }
}
