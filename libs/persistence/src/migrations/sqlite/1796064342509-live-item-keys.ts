import type { MigrationInterface, QueryRunner } from 'typeorm';

const LIVE_KEY_EXPRESSION = "CASE WHEN is_deleted = 0 AND `key` <> '' THEN `key` END";

/**
 * At most one live item per key and namespace, enforced by a unique index over a generated
 * column (the key while live, NULL once deleted or for comment lines). Live duplicates that
 * concurrent creates left behind are soft-deleted first, keeping the newest row. SQLite
 * compares keys byte by byte already (BINARY), as Houston does.
 */
export class LiveItemKeys1796064342509 implements MigrationInterface {
  name = 'LiveItemKeys1796064342509';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE "item" SET "is_deleted" = 1, "deleted_at" = CAST(ROUND((julianday(\'now\') - 2440587.5) * 86400000) AS INTEGER) WHERE "is_deleted" = 0 AND "key" <> \'\' AND EXISTS (SELECT 1 FROM "item" "newer" WHERE "newer"."namespace_id" = "item"."namespace_id" AND "newer"."key" = "item"."key" AND "newer"."is_deleted" = 0 AND "newer"."id" > "item"."id")',
    );
    await queryRunner.query('DROP INDEX "ix_item_namespace"');
    await queryRunner.query(
      'CREATE TABLE "temporary_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "namespace_id" integer NOT NULL, "key" varchar(128) NOT NULL DEFAULT (\'\'), "type" integer NOT NULL DEFAULT (0), "value" text NOT NULL, "comment" varchar(256) NOT NULL DEFAULT (\'\'), "line_num" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1), "live_key" varchar(128) AS (CASE WHEN is_deleted = 0 AND `key` <> \'\' THEN `key` END) VIRTUAL)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_item"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "namespace_id", "key", "type", "value", "comment", "line_num", "version") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "namespace_id", "key", "type", "value", "comment", "line_num", "version" FROM "item"',
    );
    await queryRunner.query('DROP TABLE "item"');
    await queryRunner.query('ALTER TABLE "temporary_item" RENAME TO "item"');
    await queryRunner.query('CREATE INDEX "ix_item_namespace" ON "item" ("namespace_id", "is_deleted") ');
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, ?, ?, ?, ?)',
      ['item', 'GENERATED_COLUMN', 'live_key', LIVE_KEY_EXPRESSION],
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_item_live_key" ON "item" ("namespace_id", "live_key") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_item_live_key"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = ? AND "name" = ? AND "table" = ?',
      ['GENERATED_COLUMN', 'live_key', 'item'],
    );
    await queryRunner.query('DROP INDEX "ix_item_namespace"');
    await queryRunner.query('ALTER TABLE "item" RENAME TO "temporary_item"');
    await queryRunner.query(
      'CREATE TABLE "item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "namespace_id" integer NOT NULL, "key" varchar(128) NOT NULL DEFAULT (\'\'), "type" integer NOT NULL DEFAULT (0), "value" text NOT NULL, "comment" varchar(256) NOT NULL DEFAULT (\'\'), "line_num" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "item"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "namespace_id", "key", "type", "value", "comment", "line_num", "version") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "namespace_id", "key", "type", "value", "comment", "line_num", "version" FROM "temporary_item"',
    );
    await queryRunner.query('DROP TABLE "temporary_item"');
    await queryRunner.query('CREATE INDEX "ix_item_namespace" ON "item" ("namespace_id", "is_deleted") ');
  }
}
