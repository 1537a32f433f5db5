import { isUniqueViolation } from '@houston/persistence';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalRoleGrantEntity, PortalUserEntity } from '../persistence/portal-entities';
import type { Grant } from './permission-rules';

export interface GrantView extends Grant {
  id: number;
  username: string;
  createdBy: string;
}

@Injectable()
export class GrantsService {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  private get grants() {
    return this.database.manager.getRepository(PortalRoleGrantEntity);
  }

  grantsOf(userId: number): Promise<PortalRoleGrantEntity[]> {
    return this.grants.findBy({ userId });
  }

  async forApp(appId: string): Promise<GrantView[]> {
    return this.withNames(await this.grants.find({ where: { appId }, order: { id: 'ASC' } }));
  }

  async withRole(role: string): Promise<GrantView[]> {
    return this.withNames(await this.grants.find({ where: { role }, order: { id: 'ASC' } }));
  }

  /** Adds a grant; `ifAbsent` makes an existing identical grant a no-op instead of a 409. */
  async add(
    user: PortalUserEntity,
    grant: Grant,
    createdBy: string,
    ifAbsent = false,
  ): Promise<GrantView | undefined> {
    try {
      const saved = await this.grants.save(this.grants.create({ ...grant, userId: user.id, createdBy }));
      return { ...pick(saved), id: saved.id, username: user.username, createdBy };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (ifAbsent) return undefined;
      throw new ConflictException(`${user.username} already holds this role`);
    }
  }

  /** Removes a grant of the app (a grant of another app is not found here). */
  async remove(appId: string, id: number): Promise<void> {
    const result = await this.grants.delete({ id, appId });
    if (!result.affected) throw new NotFoundException(`app ${appId} has no role grant ${id}`);
  }

  /** Every role on the app (the app was deleted). */
  async removeApp(appId: string): Promise<void> {
    if (appId === '') return;
    await this.grants.delete({ appId });
  }

  async removeGlobal(role: string, userId: number): Promise<void> {
    const result = await this.grants.delete({ role, userId, appId: '' });
    if (!result.affected) throw new NotFoundException(`no ${role} role to remove`);
  }

  private async withNames(rows: PortalRoleGrantEntity[]): Promise<GrantView[]> {
    const ids = [...new Set(rows.map((row) => row.userId))];
    const users = ids.length
      ? await this.database.manager.getRepository(PortalUserEntity).findBy({ id: In(ids) })
      : [];
    const names = new Map(users.map((user) => [user.id, user.username]));
    return rows.map((row) => ({
      ...pick(row),
      id: row.id,
      username: names.get(row.userId) ?? `#${row.userId}`,
      createdBy: row.createdBy,
    }));
  }
}

function pick(row: Grant): Grant {
  return {
    role: row.role,
    appId: row.appId,
    env: row.env,
    clusterName: row.clusterName,
    namespaceName: row.namespaceName,
  };
}
