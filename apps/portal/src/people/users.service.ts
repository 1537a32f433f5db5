import { isUniqueViolation } from '@houston/persistence';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import {
  PortalFavouriteEntity,
  PortalIdentityEntity,
  PortalRecentAppEntity,
  PortalReviewRequestEntity,
  PortalRoleGrantEntity,
  PortalSessionEntity,
  PortalUserEntity,
} from '../persistence/portal-entities';
import { hashPassword, verifyPassword } from './password-hash';
import { normalizeUsername } from './user-names';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  isSuperAdmin?: boolean;
  createdBy: string;
}

@Injectable()
export class UsersService {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  private get users() {
    return this.database.manager.getRepository(PortalUserEntity);
  }

  findByName(username: string): Promise<PortalUserEntity | null> {
    return this.users.findOneBy({ username: normalizeUsername(username) });
  }
  /** The enabled account of that name, to make an owner of; 400 when there is none. */
  async enabledOwner(username: string): Promise<PortalUserEntity> {
    const user = await this.findByName(username);
    if (!user || !user.isEnabled) throw new BadRequestException(`${username} is not an enabled portal user`);
    return user;
  }

  findById(id: number): Promise<PortalUserEntity | null> {
    return this.users.findOneBy({ id });
  }

  list(): Promise<PortalUserEntity[]> {
    return this.users.find({ order: { username: 'ASC' } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async create(user: NewUser): Promise<PortalUserEntity> {
    const entity = this.users.create({
      username: normalizeUsername(user.username),
      displayName: user.displayName ?? user.username,
      email: user.email ?? '',
      passwordHash: await hashPassword(user.password),
      isSuperAdmin: user.isSuperAdmin ?? false,
      isEnabled: true,
      createdBy: user.createdBy,
    });
    try {
      return await this.users.save(entity);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`user ${entity.username} already exists`);
      throw error;
    }
  }

  /** The user when the password is theirs and the account is enabled. */
  async authenticate(username: string, password: string): Promise<PortalUserEntity | undefined> {
    const user = await this.findByName(username);
    // An account made by OIDC sign-in has no password (passwordHash ''): no password opens it.
    if (!user || user.passwordHash === '') {
      // Spend the same time as a real check, so response times do not tell which names exist.
      await verifyPassword(password, DUMMY_HASH);
      return undefined;
    }
    const matches = await verifyPassword(password, user.passwordHash);
    return matches && user.isEnabled ? user : undefined;
  }

  /**
   * Deletes the account and what is the person's alone: their favourites, recently visited apps,
   * roles, OIDC identities and stored sessions, in one transaction (all or nothing). Their pending
   * review requests are withdrawn in it too (by `deletedBy`): nobody is left to answer for them or
   * take them back. What they did (audit rows, decided review requests, releases) stays, under
   * their name. Sessions kept in Redis are ended by the caller (SessionService.endAllOf).
   */
  async delete(username: string, deletedBy: string, now = Date.now()): Promise<PortalUserEntity> {
    return this.database.transaction(async (manager) => {
      const users = manager.getRepository(PortalUserEntity);
      const user = await users.findOneBy({ username: normalizeUsername(username) });
      if (!user) throw new NotFoundException(`user ${username} does not exist`);
      for (const owned of [
        PortalFavouriteEntity,
        PortalRecentAppEntity,
        PortalRoleGrantEntity,
        PortalIdentityEntity,
        PortalSessionEntity,
      ]) {
        await manager.getRepository(owned).delete({ userId: user.id });
      }
      await manager.getRepository(PortalReviewRequestEntity).update(
        { requestedBy: user.username, status: 'PENDING' },
        {
          status: 'WITHDRAWN',
          reviewedBy: deletedBy,
          reviewComment: `withdrawn: the account of ${user.username} was deleted`,
          reviewedAt: now,
        },
      );
      await users.delete({ id: user.id });
      return user;
    });
  }

  /**
   * Enables or disables the account (Apollo's user `enabled`). A disabled account signs in neither
   * with its password nor through OIDC, and its sessions are no longer honoured; what it owns and
   * did stays, so enabling it again gives everything back.
   */
  async setEnabled(username: string, enabled: boolean): Promise<PortalUserEntity> {
    const user = await this.findByName(username);
    if (!user) throw new NotFoundException(`user ${username} does not exist`);
    if (user.isEnabled !== enabled) {
      await this.users.update({ id: user.id }, { isEnabled: enabled });
      user.isEnabled = enabled;
    }
    return user;
  }

  async changePassword(user: PortalUserEntity, newPassword: string): Promise<void> {
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(newPassword) });
  }
}

// A valid scrypt hash of a random password nobody knows, with the current parameters.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64, 1).toString('base64');
