import { isUniqueViolation } from '@houston/persistence';
import { ConflictException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalIdentityEntity, PortalUserEntity } from '../persistence/portal-entities';
import { normalizeUsername, USERNAME_PATTERN } from '../people/user-names';

export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The configured user-name claim's value. */
  username: string;
  displayName?: string;
  email?: string;
}

/**
 * The portal user behind an OIDC identity. The first sign-in of an identity links it to the
 * account of the same user name (so a role granted before that sign-in, or the first
 * administrator named after an OIDC user, applies), or creates an account without a password;
 * afterwards the identity is found by issuer and subject, whatever its user-name claim says then.
 */
@Injectable()
export class OidcAccounts {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  async userOf(identity: OidcIdentity): Promise<PortalUserEntity> {
    return this.database.manager.transaction(async (manager) => {
      const identities = manager.getRepository(PortalIdentityEntity);
      const users = manager.getRepository(PortalUserEntity);
      const known = await identities.findOneBy({ issuer: identity.issuer, subject: identity.subject });
      let user: PortalUserEntity | null;
      if (known) {
        user = await users.findOneBy({ id: known.userId });
      } else {
        if (!USERNAME_PATTERN.test(identity.username)) {
          throw new ForbiddenException(
            'the identity provider gave a user name the portal cannot use (letters, digits, ".", "_", "@", "-", at most 64)',
          );
        }
        const username = normalizeUsername(identity.username);
        user = await users.findOneBy({ username });
        if (user) {
          const other = await identities.findOneBy({ issuer: identity.issuer, userId: user.id });
          if (other) {
            throw new ConflictException(
              `the portal user ${username} is already linked to another account of this identity provider`,
            );
          }
        } else {
          user = await users.save(
            users.create({
              username,
              displayName: identity.displayName?.slice(0, 128) || username,
              email: identity.email?.slice(0, 128) ?? '',
              // No password: this account signs in through the identity provider only.
              passwordHash: '',
              isSuperAdmin: false,
              isEnabled: true,
              createdBy: 'oidc',
            }),
          );
        }
        try {
          await identities.insert({ issuer: identity.issuer, subject: identity.subject, userId: user.id });
        } catch (error) {
          if (isUniqueViolation(error))
            throw new ConflictException('this identity was linked just now; sign in again');
          throw error;
        }
      }
      if (!user || !user.isEnabled) throw new ForbiddenException('this portal account is disabled');
      return user;
    });
  }
}
