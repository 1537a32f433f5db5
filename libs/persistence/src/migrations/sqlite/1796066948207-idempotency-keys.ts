import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1796066948207 implements MigrationInterface {
  name = 'IdempotencyKeys1796066948207';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "idempotency_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_key" varchar(128) NOT NULL, "operation" varchar(32) NOT NULL, "request_hash" varchar(64) NOT NULL, "response" text NOT NULL, "expires_at" bigint NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_idempotency_key_expires_at" ON "idempotency_key" ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_idempotency_key_request_key" ON "idempotency_key" ("request_key") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_idempotency_key_request_key"');
    await queryRunner.query('DROP INDEX "ix_idempotency_key_expires_at"');
    await queryRunner.query('DROP TABLE "idempotency_key"');
  }
}
