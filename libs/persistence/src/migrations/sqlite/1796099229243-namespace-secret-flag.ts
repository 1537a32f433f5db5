import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NamespaceSecretFlag1796099229243 implements MigrationInterface {
  name = 'NamespaceSecretFlag1796099229243';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_app_namespace_app_name"');
    await queryRunner.query('DROP INDEX "ix_app_namespace_name"');
    await queryRunner.query(
      'CREATE TABLE "temporary_app_namespace" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "format" varchar(16) NOT NULL DEFAULT (\'properties\'), "is_public" boolean NOT NULL DEFAULT (0), "comment" varchar(256) NOT NULL DEFAULT (\'\'), "is_secret" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_app_namespace"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "format", "is_public", "comment") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "format", "is_public", "comment" FROM "app_namespace"',
    );
    await queryRunner.query('DROP TABLE "app_namespace"');
    await queryRunner.query('ALTER TABLE "temporary_app_namespace" RENAME TO "app_namespace"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_app_namespace_app_name" ON "app_namespace" ("app_id", "name", "deleted_at") ',
    );
    await queryRunner.query('CREATE INDEX "ix_app_namespace_name" ON "app_namespace" ("name") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_app_namespace_name"');
    await queryRunner.query('DROP INDEX "uq_app_namespace_app_name"');
    await queryRunner.query('ALTER TABLE "app_namespace" RENAME TO "temporary_app_namespace"');
    await queryRunner.query(
      'CREATE TABLE "app_namespace" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "format" varchar(16) NOT NULL DEFAULT (\'properties\'), "is_public" boolean NOT NULL DEFAULT (0), "comment" varchar(256) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "app_namespace"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "format", "is_public", "comment") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "format", "is_public", "comment" FROM "temporary_app_namespace"',
    );
    await queryRunner.query('DROP TABLE "temporary_app_namespace"');
    await queryRunner.query('CREATE INDEX "ix_app_namespace_name" ON "app_namespace" ("name") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_app_namespace_app_name" ON "app_namespace" ("app_id", "name", "deleted_at") ',
    );
  }
}
