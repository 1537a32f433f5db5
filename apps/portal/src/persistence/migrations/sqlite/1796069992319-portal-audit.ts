import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalAudit1796069992319 implements MigrationInterface {
  name = 'PortalAudit1796069992319';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "method" varchar(8) NOT NULL, "route" varchar(255) NOT NULL, "path" varchar(1024) NOT NULL, "env" varchar(32) NOT NULL DEFAULT (\'\'), "app_id" varchar(64) NOT NULL DEFAULT (\'\'), "status" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_portal_audit_user" ON "portal_audit" ("username") ');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_created" ON "portal_audit" ("created_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_portal_audit_created"');
    await queryRunner.query('DROP INDEX "ix_portal_audit_user"');
    await queryRunner.query('DROP TABLE "portal_audit"');
  }
}
