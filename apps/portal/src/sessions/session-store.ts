import type { Redis } from 'ioredis';
import { LessThan } from 'typeorm';
import type { PortalDatabase } from '../persistence/portal-database';
import { PortalSessionEntity } from '../persistence/portal-entities';

/** One signed-in browser; `id` is the SHA-256 of the cookie's token, never the token. */
export interface StoredSession {
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: number;
  createdAt: Date;
}

/** Where sessions live: Redis when configured, else the portal database. */
export interface SessionStore {
  insert(session: Omit<StoredSession, 'createdAt'>, now: number): Promise<void>;
  find(id: string): Promise<StoredSession | undefined>;
  delete(id: string): Promise<void>;
  /** Ends every session of the user but `keepId`. */
  deleteOthers(userId: number, keepId: string): Promise<void>;
  /** Ends every session of the user (their account was deleted). */
  deleteAllOf(userId: number): Promise<void>;
}

export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly database: PortalDatabase) {}

  private get sessions() {
    return this.database.manager.getRepository(PortalSessionEntity);
  }

  async insert(session: Omit<StoredSession, 'createdAt'>, now: number): Promise<void> {
    // Rows outlive their expiry until someone signs in: sweep them then.
    await this.sessions.delete({ expiresAt: LessThan(now) });
    await this.sessions.insert(session);
  }

  async find(id: string): Promise<StoredSession | undefined> {
    return (await this.sessions.findOneBy({ id })) ?? undefined;
  }

  async delete(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteOthers(userId: number, keepId: string): Promise<void> {
    const ids = (await this.sessions.findBy({ userId })).map((s) => s.id).filter((id) => id !== keepId);
    if (ids.length > 0) await this.sessions.delete(ids);
  }

  async deleteAllOf(userId: number): Promise<void> {
    await this.sessions.delete({ userId });
  }
}

/**
 * Sessions in Redis: one key per session that expires with it (so nothing needs sweeping), and a
 * set of each user's session ids, to end their other sessions after a password change and all of
 * them when the account is deleted. Portal
 * instances behind one load balancer share them; a restart of the portal keeps them.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'houston:portal:',
  ) {}

  private sessionKey(id: string) {
    return `${this.prefix}session:${id}`;
  }

  private userKey(userId: number) {
    return `${this.prefix}user-sessions:${userId}`;
  }

  async insert(session: Omit<StoredSession, 'createdAt'>, now: number): Promise<void> {
    const ttlMs = Math.max(1, session.expiresAt - now);
    const value = JSON.stringify({ ...session, createdAt: now });
    const userKey = this.userKey(session.userId);
    await this.redis
      .multi()
      .set(this.sessionKey(session.id), value, 'PX', ttlMs)
      .sadd(userKey, session.id)
      // Every session lives as long (HOUSTON_PORTAL_SESSION_TTL): the newest expires last.
      .pexpire(userKey, ttlMs)
      .exec()
      .then(failOnError);
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const text = await this.redis.get(this.sessionKey(id));
    if (!text) return undefined;
    const stored = JSON.parse(text) as Omit<StoredSession, 'createdAt'> & { createdAt: number };
    return { ...stored, createdAt: new Date(stored.createdAt) };
  }

  async delete(id: string): Promise<void> {
    const session = await this.find(id);
    const multi = this.redis.multi().del(this.sessionKey(id));
    if (session) multi.srem(this.userKey(session.userId), id);
    await multi.exec().then(failOnError);
  }

  async deleteOthers(userId: number, keepId: string): Promise<void> {
    const ids = (await this.redis.smembers(this.userKey(userId))).filter((id) => id !== keepId);
    if (ids.length === 0) return;
    await this.redis
      .multi()
      .del(...ids.map((id) => this.sessionKey(id)))
      .srem(this.userKey(userId), ...ids)
      .exec()
      .then(failOnError);
  }

  async deleteAllOf(userId: number): Promise<void> {
    const userKey = this.userKey(userId);
    const ids = await this.redis.smembers(userKey);
    await this.redis
      .multi()
      .del(userKey, ...ids.map((id) => this.sessionKey(id)))
      .exec()
      .then(failOnError);
  }
}

function failOnError(results: Array<[Error | null, unknown]> | null): void {
  const failed = results?.find(([error]) => error);
  if (failed) throw failed[0];
  if (!results) throw new Error('the Redis transaction was discarded');
}
