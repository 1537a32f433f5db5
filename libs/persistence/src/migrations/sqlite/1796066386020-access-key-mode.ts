import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessKeyMode1796066386020 implements MigrationInterface {
  name = 'AccessKeyMode1796066386020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_access_key_app"');
    await queryRunner.query(
      'CREATE TABLE "temporary_access_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "secret" varchar(128) NOT NULL, "is_enabled" boolean NOT NULL DEFAULT (0), "mode" integer NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_access_key"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "secret", "is_enabled") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "secret", "is_enabled" FROM "access_key"',
    );
    await queryRunner.query('DROP TABLE "access_key"');
    await queryRunner.query('ALTER TABLE "temporary_access_key" RENAME TO "access_key"');
    await queryRunner.query('CREATE INDEX "ix_access_key_app" ON "access_key" ("app_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_access_key_app"');
    await queryRunner.query('ALTER TABLE "access_key" RENAME TO "temporary_access_key"');
    await queryRunner.query(
      'CREATE TABLE "access_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "secret" varchar(128) NOT NULL, "is_enabled" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "access_key"("id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "secret", "is_enabled") SELECT "id", "is_deleted", "deleted_at", "created_by", "created_at", "last_modified_by", "updated_at", "app_id", "secret", "is_enabled" FROM "temporary_access_key"',
    );
    await queryRunner.query('DROP TABLE "temporary_access_key"');
    await queryRunner.query('CREATE INDEX "ix_access_key_app" ON "access_key" ("app_id") ');
  }
}
