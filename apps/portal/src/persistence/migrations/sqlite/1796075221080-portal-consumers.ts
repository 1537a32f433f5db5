import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalConsumers1796075221080 implements MigrationInterface {
  name = 'PortalConsumers1796075221080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_consumer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "org_id" varchar(64) NOT NULL DEFAULT (\'\'), "org_name" varchar(128) NOT NULL DEFAULT (\'\'), "owner_name" varchar(64) NOT NULL, "owner_email" varchar(128) NOT NULL DEFAULT (\'\'), "rate_limit" integer NOT NULL DEFAULT (0), "allow_create_application" boolean NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uk_portal_consumer_app" ON "portal_consumer" ("app_id") ');
    await queryRunner.query(
      'CREATE TABLE "portal_consumer_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "consumer_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_portal_consumer_token_consumer" ON "portal_consumer_token" ("consumer_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_consumer_token_hash" ON "portal_consumer_token" ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "portal_consumer_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "consumer_id" integer NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL DEFAULT (\'\'), "env" varchar(32) NOT NULL DEFAULT (\'\'), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_consumer_grant" ON "portal_consumer_grant" ("consumer_id", "app_id", "namespace_name", "env") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uk_portal_consumer_grant"');
    await queryRunner.query('DROP TABLE "portal_consumer_grant"');
    await queryRunner.query('DROP INDEX "uk_portal_consumer_token_hash"');
    await queryRunner.query('DROP INDEX "ix_portal_consumer_token_consumer"');
    await queryRunner.query('DROP TABLE "portal_consumer_token"');
    await queryRunner.query('DROP INDEX "uk_portal_consumer_app"');
    await queryRunner.query('DROP TABLE "portal_consumer"');
  }
}
