import type { QueryRunner } from 'typeorm';

/**
 * The collation identifiers and keys are stored in on MySQL/MariaDB: compared byte by byte, so
 * `cafe` and `café`, `Timeout` and `TIMEOUT` are different, as they are on SQLite and in Houston.
 * A NO PAD collation is preferred so that `key` and `key ` differ too (MariaDB's `utf8mb4_bin`
 * and MySQL 5.7's are PAD SPACE and ignore trailing spaces): `utf8mb4_nopad_bin` on MariaDB,
 * `utf8mb4_0900_bin` on MySQL 8; `utf8mb4_bin` only where neither exists.
 */
export async function binaryCollation(queryRunner: QueryRunner): Promise<string> {
  const rows = (await queryRunner.query(
    "SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')",
  )) as Array<{ name: string }>;
  const names = rows.map((row) => row.name);
  return names.find((name) => name === 'utf8mb4_nopad_bin') ?? names[0] ?? 'utf8mb4_bin';
}

/** TypeORM keeps the expression of a generated column here, to compare it with the entity's. */
export const CREATE_TYPEORM_METADATA =
  'CREATE TABLE IF NOT EXISTS `typeorm_metadata` (`type` varchar(255) NOT NULL, `database` varchar(255) NULL, `schema` varchar(255) NULL, `table` varchar(255) NULL, `name` varchar(255) NULL, `value` text NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
