import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalPeople1796064275626 implements MigrationInterface {
  name = 'PortalPeople1796064275626';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "display_name" varchar(128) NOT NULL DEFAULT (\'\'), "email" varchar(128) NOT NULL DEFAULT (\'\'), "password_hash" varchar(255) NOT NULL, "is_super_admin" boolean NOT NULL DEFAULT (0), "is_enabled" boolean NOT NULL DEFAULT (1), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uk_portal_user_username" ON "portal_user" ("username") ');
    await queryRunner.query(
      'CREATE TABLE "portal_session" ("id" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "expires_at" bigint NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_portal_session_user" ON "portal_session" ("user_id") ');
    await queryRunner.query('CREATE INDEX "ix_portal_session_expires" ON "portal_session" ("expires_at") ');
    await queryRunner.query(
      'CREATE TABLE "portal_setting" ("name" varchar(64) PRIMARY KEY NOT NULL, "value" varchar(1024) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "portal_setting"');
    await queryRunner.query('DROP INDEX "ix_portal_session_expires"');
    await queryRunner.query('DROP INDEX "ix_portal_session_user"');
    await queryRunner.query('DROP TABLE "portal_session"');
    await queryRunner.query('DROP INDEX "uk_portal_user_username"');
    await queryRunner.query('DROP TABLE "portal_user"');
  }
}
