import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalFavourites1796084309975 implements MigrationInterface {
  name = 'PortalFavourites1796084309975';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_favourite" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "app_id" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_favourite" ON "portal_favourite" ("user_id", "app_id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uk_portal_favourite"');
    await queryRunner.query('DROP TABLE "portal_favourite"');
  }
}
