import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppIncrementalSync1796067267518 implements MigrationInterface {
  name = 'AppIncrementalSync1796067267518';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_app_app_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_app" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "org_id" varchar(64) NOT NULL DEFAULT (\'\'), "org_name" varchar(128) NOT NULL DEFAULT (\'\'), "owner_name" varchar(64) NOT NULL DEFAULT (\'\'), "owner_email" varchar(128) NOT NULL DEFAULT (\'\'), "incremental_sync" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_app"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "org_id", "org_name", "owner_name", "owner_email") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "org_id", "org_name", "owner_name", "owner_email" FROM "app"',
    );
    await queryRunner.query('DROP TABLE "app"');
    await queryRunner.query('ALTER TABLE "temporary_app" RENAME TO "app"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_app_app_id" ON "app" ("app_id", "deleted_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_app_app_id"');
    await queryRunner.query('ALTER TABLE "app" RENAME TO "temporary_app"');
    await queryRunner.query(
      'CREATE TABLE "app" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "org_id" varchar(64) NOT NULL DEFAULT (\'\'), "org_name" varchar(128) NOT NULL DEFAULT (\'\'), "owner_name" varchar(64) NOT NULL DEFAULT (\'\'), "owner_email" varchar(128) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "app"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "org_id", "org_name", "owner_name", "owner_email") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "name", "org_id", "org_name", "owner_name", "owner_email" FROM "temporary_app"',
    );
    await queryRunner.query('DROP TABLE "temporary_app"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_app_app_id" ON "app" ("app_id", "deleted_at") ');
  }
}
