import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalAuditChanges1796075821914 implements MigrationInterface {
  name = 'PortalAuditChanges1796075821914';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_audit_change" ("audit_id" integer PRIMARY KEY NOT NULL, "before_value" text NOT NULL, "after_value" text NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "ix_portal_audit_created"');
    await queryRunner.query('DROP INDEX "ix_portal_audit_user"');
    await queryRunner.query(
      'CREATE TABLE "temporary_portal_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "method" varchar(8) NOT NULL, "route" varchar(255) NOT NULL, "path" varchar(1024) NOT NULL, "env" varchar(32) NOT NULL DEFAULT (\'\'), "app_id" varchar(64) NOT NULL DEFAULT (\'\'), "status" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "entity" varchar(255) NOT NULL DEFAULT (\'\'), "action" varchar(64) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_portal_audit"("id", "username", "method", "route", "path", "env", "app_id", "status", "created_at") SELECT "id", "username", "method", "route", "path", "env", "app_id", "status", "created_at" FROM "portal_audit"',
    );
    await queryRunner.query('DROP TABLE "portal_audit"');
    await queryRunner.query('ALTER TABLE "temporary_portal_audit" RENAME TO "portal_audit"');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_created" ON "portal_audit" ("created_at") ');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_user" ON "portal_audit" ("username") ');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_app" ON "portal_audit" ("app_id", "env") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_portal_audit_app"');
    await queryRunner.query('DROP INDEX "ix_portal_audit_user"');
    await queryRunner.query('DROP INDEX "ix_portal_audit_created"');
    await queryRunner.query('ALTER TABLE "portal_audit" RENAME TO "temporary_portal_audit"');
    await queryRunner.query(
      'CREATE TABLE "portal_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "method" varchar(8) NOT NULL, "route" varchar(255) NOT NULL, "path" varchar(1024) NOT NULL, "env" varchar(32) NOT NULL DEFAULT (\'\'), "app_id" varchar(64) NOT NULL DEFAULT (\'\'), "status" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "portal_audit"("id", "username", "method", "route", "path", "env", "app_id", "status", "created_at") SELECT "id", "username", "method", "route", "path", "env", "app_id", "status", "created_at" FROM "temporary_portal_audit"',
    );
    await queryRunner.query('DROP TABLE "temporary_portal_audit"');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_user" ON "portal_audit" ("username") ');
    await queryRunner.query('CREATE INDEX "ix_portal_audit_created" ON "portal_audit" ("created_at") ');
    await queryRunner.query('DROP TABLE "portal_audit_change"');
  }
}
