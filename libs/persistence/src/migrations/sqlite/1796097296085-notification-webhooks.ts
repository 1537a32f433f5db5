import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationWebhooks1796097296085 implements MigrationInterface {
  name = 'NotificationWebhooks1796097296085';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_delivery" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "webhook_id" integer NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "event" varchar(32) NOT NULL, "payload" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" bigint NOT NULL, "lease_token" varchar(64) NOT NULL DEFAULT (\'\'), "lease_until" bigint NOT NULL DEFAULT (0), "last_status" integer NOT NULL DEFAULT (0), "last_error" varchar(512) NOT NULL DEFAULT (\'\'), "last_attempt_at" bigint NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_webhook_delivery_app" ON "webhook_delivery" ("app_id", "id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_delivery_due" ON "webhook_delivery" ("status", "next_attempt_at") ',
    );
    await queryRunner.query('DROP INDEX "ix_release_webhook_app_id"');
    await queryRunner.query(
      'CREATE TABLE "temporary_release_webhook" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL DEFAULT (\'\'), "url" varchar(2048) NOT NULL, "secret" varchar(1024) NOT NULL, "timeout_ms" integer NOT NULL, "fail_open" boolean NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "kind" varchar(16) NOT NULL DEFAULT (\'validate\'), "events" varchar(256) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_release_webhook"("id", "app_id", "namespace_name", "url", "secret", "timeout_ms", "fail_open", "created_by", "created_at") SELECT "id", "app_id", "namespace_name", "url", "secret", "timeout_ms", "fail_open", "created_by", "created_at" FROM "release_webhook"',
    );
    await queryRunner.query('DROP TABLE "release_webhook"');
    await queryRunner.query('ALTER TABLE "temporary_release_webhook" RENAME TO "release_webhook"');
    await queryRunner.query('CREATE INDEX "ix_release_webhook_app_id" ON "release_webhook" ("app_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_release_webhook_app_id"');
    await queryRunner.query('ALTER TABLE "release_webhook" RENAME TO "temporary_release_webhook"');
    await queryRunner.query(
      'CREATE TABLE "release_webhook" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL DEFAULT (\'\'), "url" varchar(2048) NOT NULL, "secret" varchar(1024) NOT NULL, "timeout_ms" integer NOT NULL, "fail_open" boolean NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "release_webhook"("id", "app_id", "namespace_name", "url", "secret", "timeout_ms", "fail_open", "created_by", "created_at") SELECT "id", "app_id", "namespace_name", "url", "secret", "timeout_ms", "fail_open", "created_by", "created_at" FROM "temporary_release_webhook"',
    );
    await queryRunner.query('DROP TABLE "temporary_release_webhook"');
    await queryRunner.query('CREATE INDEX "ix_release_webhook_app_id" ON "release_webhook" ("app_id") ');
    await queryRunner.query('DROP INDEX "ix_webhook_delivery_due"');
    await queryRunner.query('DROP INDEX "ix_webhook_delivery_app"');
    await queryRunner.query('DROP TABLE "webhook_delivery"');
  }
}
