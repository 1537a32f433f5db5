import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS =
  '"id", "app_id", "namespace_name", "url", "secret", "timeout_ms", "fail_open", "created_by", "created_at"';

function table(name: string, secretLength: number): string {
  return `CREATE TABLE "${name}" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL DEFAULT (''), "url" varchar(2048) NOT NULL, "secret" varchar(${secretLength}) NOT NULL, "timeout_ms" integer NOT NULL, "fail_open" boolean NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`;
}

/** Webhook signing keys are stored encrypted (`hsec:v1:…`), longer than the keys themselves. */
export class WebhookSecretsEncrypted1796090412345 implements MigrationInterface {
  name = 'WebhookSecretsEncrypted1796090412345';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.rebuild(queryRunner, 1024);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rebuild(queryRunner, 256);
  }

  /** SQLite cannot change a column: the table is copied into one with the new length. */
  private async rebuild(queryRunner: QueryRunner, secretLength: number): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_release_webhook_app_id"');
    await queryRunner.query(table('temporary_release_webhook', secretLength));
    await queryRunner.query(
      `INSERT INTO "temporary_release_webhook"(${COLUMNS}) SELECT ${COLUMNS} FROM "release_webhook"`,
    );
    await queryRunner.query('DROP TABLE "release_webhook"');
    await queryRunner.query('ALTER TABLE "temporary_release_webhook" RENAME TO "release_webhook"');
    await queryRunner.query('CREATE INDEX "ix_release_webhook_app_id" ON "release_webhook" ("app_id") ');
  }
}
