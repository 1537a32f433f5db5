import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalRecentApps1796098043698 implements MigrationInterface {
  name = 'PortalRecentApps1796098043698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_recent_app" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "app_id" varchar(64) NOT NULL, "visited_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uk_portal_recent_app" ON "portal_recent_app" ("user_id", "app_id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uk_portal_recent_app"');
    await queryRunner.query('DROP TABLE "portal_recent_app"');
  }
}
