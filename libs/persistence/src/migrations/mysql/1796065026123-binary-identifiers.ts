import type { MigrationInterface, QueryRunner } from 'typeorm';
import { binaryCollation } from './binary-collation';

/** Every table Houston owns, as the migrations before this one created them. */
const TABLES = [
  'access_key',
  'app',
  'app_namespace',
  'audit',
  'cluster',
  'commit',
  'gray_release_rule',
  'instance',
  'instance_config',
  'item',
  'namespace',
  'namespace_lock',
  'release',
  'release_history',
  'release_message',
  'service_registry',
];

/**
 * Text compares byte by byte on MySQL/MariaDB as it does on SQLite: app ids, cluster names,
 * release keys and message keys are exact (`Payments` is not `payments`), and a lookup of
 * `fee ` does not find `fee`. Namespace names still match case-insensitively where Houston
 * says so, by explicit LOWER() comparisons in the repositories, not by the collation. Binary
 * collations only split values the old ones merged, so no unique key can be violated here.
 */
export class BinaryIdentifiers1796065026123 implements MigrationInterface {
  name = 'BinaryIdentifiers1796065026123';

  async up(queryRunner: QueryRunner): Promise<void> {
    const collation = await binaryCollation(queryRunner);
    const pending = [...TABLES];
    const convertAll = async (runner: QueryRunner) => {
      for (let table = pending.shift(); table; table = pending.shift()) {
        await runner.query(`ALTER TABLE \`${table}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE ${collation}`);
      }
    };
    // Each conversion rebuilds its table; they are independent, so they run side by side on a few
    // more connections. Two of the pool are taken (the migration lock and this migration), and a
    // runner waiting for a connection that never frees would hang the start-up.
    const poolSize = (queryRunner.connection.options as { poolSize?: number }).poolSize ?? 10;
    const extra = Math.max(0, Math.min(3, poolSize - 2));
    const runners = Array.from({ length: extra }, () => queryRunner.connection.createQueryRunner());
    try {
      await Promise.all([convertAll(queryRunner), ...runners.map(convertAll)]);
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    }
  }
}
