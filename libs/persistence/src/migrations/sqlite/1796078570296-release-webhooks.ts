import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReleaseWebhooks1796078570296 implements MigrationInterface {
  name = 'ReleaseWebhooks1796078570296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "release_webhook" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL DEFAULT (\'\'), "url" varchar(2048) NOT NULL, "secret" varchar(256) NOT NULL, "timeout_ms" integer NOT NULL, "fail_open" boolean NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_release_webhook_app_id" ON "release_webhook" ("app_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_release_webhook_app_id"');
    await queryRunner.query('DROP TABLE "release_webhook"');
  }
}
