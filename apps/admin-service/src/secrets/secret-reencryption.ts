import {
  DomainError,
  encryptSecret,
  isSecretEnvelope,
  reencryptSecret,
  reencryptSecretsDeep,
  SECRET_PREFIX,
  type MasterKeyRing,
} from '@houston/domain';
import type { SecretTable } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';

const BATCH = 100;
const TABLES: readonly SecretTable[] = ['item', 'release', 'commit', 'webhook'];

export interface ReencryptionReport {
  /** The master key every secret value is now wrapped by. */
  keyId: string;
  /** Rows rewritten, per table. */
  rewritten: Record<SecretTable, number>;
}

function rewrap(table: SecretTable, text: string, ring: MasterKeyRing): string {
  if (table === 'item') return reencryptSecret(text, ring);
  // Webhook keys stored before they were encrypted are encrypted now.
  if (table === 'webhook')
    return isSecretEnvelope(text) ? reencryptSecret(text, ring) : encryptSecret(text, ring);
  return JSON.stringify(reencryptSecretsDeep(JSON.parse(text) as unknown, ring));
}

/**
 * Key rotation: every secret value (items, releases, commit change sets, webhook signing keys,
 * which are encrypted here if they were stored before that was done) is re-wrapped under the
 * primary master key. Each batch is one transaction; values already under the primary key are
 * left alone, so an interrupted run is resumed by running it again. Afterwards the old key can be
 * removed from HOUSTON_SECRET_KEYS.
 */
@Injectable()
export class SecretReencryption {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  async run(operator: string): Promise<ReencryptionReport> {
    const ring = this.options.secretKeys;
    if (!ring)
      throw new DomainError('UNAVAILABLE', 're-encryption needs HOUSTON_SECRET_KEYS on the admin-service');
    const rewritten: Record<SecretTable, number> = { item: 0, release: 0, commit: 0, webhook: 0 };
    for (const table of TABLES) {
      let afterId = 0;
      for (;;) {
        const { lastId, count } = await this.options.database.transaction(async (repos) => {
          const prefix = table === 'webhook' ? undefined : SECRET_PREFIX;
          const rows = await repos.secretValues.page(table, prefix, afterId, BATCH);
          let changed = 0;
          for (const row of rows) {
            const next = rewrap(table, row.text, ring);
            if (next === row.text) continue;
            await repos.secretValues.rewrite(table, row.id, next);
            changed++;
          }
          return { lastId: rows.at(-1)?.id, count: changed };
        });
        rewritten[table] += count;
        if (lastId === undefined) break;
        afterId = lastId;
      }
    }
    const total = Object.values(rewritten).reduce((sum, count) => sum + count, 0);
    await this.options.database.repos.audits.record(
      'Secrets',
      0,
      'UPDATE',
      operator,
      `re-encrypted ${total} rows under master key ${ring.primary.id}`,
    );
    return { keyId: ring.primary.id, rewritten };
  }
}
