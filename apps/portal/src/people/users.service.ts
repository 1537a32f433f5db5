import { isUniqueViolation } from '@houston/persistence';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalUserEntity } from '../persistence/portal-entities';
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

  async changePassword(user: PortalUserEntity, newPassword: string): Promise<void> {
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(newPassword) });
  }
}

// A valid scrypt hash of a random password nobody knows, with the current parameters.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64, 1).toString('base64');
