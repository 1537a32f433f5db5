import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalUserEntity } from '../persistence/portal-entities';
import { PORTAL_SETTINGS, SESSION_STORE, type PortalSettings } from '../portal.tokens';
import { signToken, verifySignedToken } from './session-cookie';
import type { SessionStore, StoredSession } from './session-store';

export interface SignedInUser {
  user: PortalUserEntity;
  session: StoredSession;
}

export interface NewSession {
  /** The cookie value: a random token and its signature. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: number;
}

/** Sessions live in Redis or the portal database (see SessionStore); the browser holds only a signed random token. */
@Injectable()
export class SessionService {
  constructor(
    @Inject(PortalDatabase) private readonly database: PortalDatabase,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  async create(user: PortalUserEntity, now = Date.now()): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + this.settings.sessionTtlMs;
    await this.sessions.insert({ id: idOf(token), userId: user.id, csrfToken, expiresAt }, now);
    return { cookieValue: signToken(token, this.settings.sessionSecret), csrfToken, expiresAt };
  }

  /** The signed-in user behind a cookie value; undefined when forged, expired, ended or disabled. */
  async resolve(cookieValue: string | undefined, now = Date.now()): Promise<SignedInUser | undefined> {
    if (!cookieValue) return undefined;
    const token = verifySignedToken(cookieValue, this.settings.sessionSecret);
    if (!token) return undefined;
    const session = await this.sessions.find(idOf(token));
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      await this.sessions.delete(session.id);
      return undefined;
    }
    const user = await this.database.manager
      .getRepository(PortalUserEntity)
      .findOneBy({ id: session.userId });
    if (!user || !user.isEnabled) return undefined;
    return { user, session };
  }

  async end(session: StoredSession): Promise<void> {
    await this.sessions.delete(session.id);
  }

  /** After a password change every other session of the user ends. */
  async endOthers(session: StoredSession): Promise<void> {
    await this.sessions.deleteOthers(session.userId, session.id);
  }

  /** Ends every session of the user at once, wherever sessions are kept (their account was deleted). */
  async endAllOf(userId: number): Promise<void> {
    await this.sessions.deleteAllOf(userId);
  }
}

function idOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
