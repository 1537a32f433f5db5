import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalIdentity1796075269582 implements MigrationInterface {
  name = 'PortalIdentity1796075269582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_identity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "issuer" varchar(255) NOT NULL, "subject" varchar(255) NOT NULL, "user_id" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_portal_identity_user" ON "portal_identity" ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_identity" ON "portal_identity" ("issuer", "subject") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uk_portal_identity"');
    await queryRunner.query('DROP INDEX "ix_portal_identity_user"');
    await queryRunner.query('DROP TABLE "portal_identity"');
  }
}
