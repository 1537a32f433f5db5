import { createHash, randomBytes } from 'node:crypto';
import { isUniqueViolation } from '@houston/persistence';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { normalizeUsername } from '../people/user-names';
import { PortalDatabase } from '../persistence/portal-database';
import {
  PortalConsumerEntity,
  PortalConsumerGrantEntity,
  PortalConsumerTokenEntity,
} from '../persistence/portal-entities';
import type { ConsumerGrant } from './consumer-rules';

export interface NewConsumer {
  appId: string;
  name: string;
  orgId?: string;
  orgName?: string;
  ownerName: string;
  ownerEmail?: string;
  rateLimit?: number;
  allowCreateApplication?: boolean;
}

/** The consumer a token belongs to, with its grants, as the Open API guard needs them. */
export interface TokenHolder {
  consumer: PortalConsumerEntity;
  grants: ConsumerGrant[];
  tokenHash: string;
}

/** 40 hex characters, the shape of Apollo's tokens; 160 random bits. */
function newToken(): string {
  return randomBytes(20).toString('hex');
}

export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Consumers, their tokens and their grants in the portal database. */
@Injectable()
export class ConsumersService {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  private get consumers() {
    return this.database.manager.getRepository(PortalConsumerEntity);
  }
  private get tokens() {
    return this.database.manager.getRepository(PortalConsumerTokenEntity);
  }
  private get grants() {
    return this.database.manager.getRepository(PortalConsumerGrantEntity);
  }

  list(): Promise<PortalConsumerEntity[]> {
    return this.consumers.find({ order: { appId: 'ASC' } });
  }

  async get(id: number): Promise<PortalConsumerEntity> {
    const consumer = await this.consumers.findOneBy({ id });
    if (!consumer) throw new NotFoundException(`no consumer ${id}`);
    return consumer;
  }

  /** The consumers whose owner is `username`, compared as sign-in names are (trimmed, lower-case). */
  async ownedBy(username: string): Promise<PortalConsumerEntity[]> {
    const name = normalizeUsername(username);
    // Few rows; compared here so that a name stored before normalization is found too.
    return (await this.list()).filter((consumer) => normalizeUsername(consumer.ownerName) === name);
  }

  /** Makes `ownerName` (an enabled portal user, checked by the caller) the consumer's owner. */
  async transferOwner(
    consumerId: number,
    owner: { ownerName: string; ownerEmail: string },
  ): Promise<PortalConsumerEntity> {
    const consumer = await this.get(consumerId);
    await this.consumers.update({ id: consumerId }, owner);
    return { ...consumer, ...owner };
  }

  /** Creates the consumer and its first token; the token is returned here and never again. */
  async create(
    fields: NewConsumer,
    createdBy: string,
  ): Promise<{ consumer: PortalConsumerEntity; token: string }> {
    const token = newToken();
    try {
      const consumer = await this.database.transaction(async (manager) => {
        const saved = await manager.getRepository(PortalConsumerEntity).save(
          manager.getRepository(PortalConsumerEntity).create({
            appId: fields.appId,
            name: fields.name,
            orgId: fields.orgId ?? '',
            orgName: fields.orgName ?? '',
            ownerName: fields.ownerName,
            ownerEmail: fields.ownerEmail ?? '',
            rateLimit: fields.rateLimit ?? 0,
            allowCreateApplication: fields.allowCreateApplication ?? false,
            createdBy,
          }),
        );
        await manager
          .getRepository(PortalConsumerTokenEntity)
          .insert({ consumerId: saved.id, tokenHash: tokenHashOf(token), createdBy });
        return saved;
      });
      return { consumer, token };
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`consumer ${fields.appId} already exists`);
      throw error;
    }
  }

  /** A new token for the consumer; the earlier ones keep working until revoked. */
  async addToken(consumerId: number, createdBy: string): Promise<string> {
    await this.get(consumerId);
    const token = newToken();
    await this.tokens.insert({ consumerId, tokenHash: tokenHashOf(token), createdBy });
    return token;
  }

  /** Ends every token of the consumer (to rotate: add a token first, move callers, then revoke). */
  async revokeTokens(consumerId: number): Promise<void> {
    await this.get(consumerId);
    await this.tokens.delete({ consumerId });
  }

  async remove(consumerId: number): Promise<void> {
    await this.get(consumerId);
    await this.database.transaction(async (manager) => {
      await manager.getRepository(PortalConsumerGrantEntity).delete({ consumerId });
      await manager.getRepository(PortalConsumerTokenEntity).delete({ consumerId });
      await manager.getRepository(PortalConsumerEntity).delete({ id: consumerId });
    });
  }

  grantsOf(consumerId: number): Promise<PortalConsumerGrantEntity[]> {
    return this.grants.find({ where: { consumerId }, order: { id: 'ASC' } });
  }

  async grant(
    consumerId: number,
    grant: ConsumerGrant,
    createdBy: string,
  ): Promise<PortalConsumerGrantEntity> {
    await this.get(consumerId);
    const existing = await this.grants.findOneBy({ consumerId, ...grant });
    if (existing) return existing;
    try {
      return await this.grants.save(this.grants.create({ consumerId, ...grant, createdBy }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await this.grants.findOneBy({ consumerId, ...grant }))!;
    }
  }

  async revokeGrant(consumerId: number, grantId: number): Promise<void> {
    // Looked up first: not every driver reports how many rows a delete removed.
    const grant = await this.grants.findOneBy({ consumerId, id: grantId });
    if (!grant) throw new NotFoundException(`consumer ${consumerId} has no grant ${grantId}`);
    await this.grants.delete({ consumerId, id: grantId });
  }

  /** Every consumer's grants on the app (the app was deleted). */
  async removeGrantsOfApp(appId: string): Promise<void> {
    await this.grants.delete({ appId });
  }

  /** The holder of `token`, or undefined for a token nobody holds. */
  async holderOf(token: string): Promise<TokenHolder | undefined> {
    const tokenHash = tokenHashOf(token);
    const row = await this.tokens.findOneBy({ tokenHash });
    if (!row) return undefined;
    const consumer = await this.consumers.findOneBy({ id: row.consumerId });
    if (!consumer) return undefined;
    const grants = (await this.grantsOf(consumer.id)).map(({ appId, namespaceName, env }) => ({
      appId,
      namespaceName,
      env,
    }));
    return { consumer, grants, tokenHash };
  }
}
