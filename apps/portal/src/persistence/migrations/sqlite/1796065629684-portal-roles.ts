import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalRoles1796065629684 implements MigrationInterface {
  name = 'PortalRoles1796065629684';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_role_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(32) NOT NULL, "app_id" varchar(64) NOT NULL DEFAULT (\'\'), "env" varchar(32) NOT NULL DEFAULT (\'\'), "cluster_name" varchar(32) NOT NULL DEFAULT (\'\'), "namespace_name" varchar(128) NOT NULL DEFAULT (\'\'), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_portal_role_grant_app" ON "portal_role_grant" ("app_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_role_grant" ON "portal_role_grant" ("user_id", "role", "app_id", "env", "cluster_name", "namespace_name") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uk_portal_role_grant"');
    await queryRunner.query('DROP INDEX "ix_portal_role_grant_app"');
    await queryRunner.query('DROP TABLE "portal_role_grant"');
  }
}
