import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalRecentApps1796098043698 implements MigrationInterface {
  name = 'PortalRecentApps1796098043698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `portal_recent_app` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `app_id` varchar(64) NOT NULL, `visited_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uk_portal_recent_app` (`user_id`, `app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uk_portal_recent_app` ON `portal_recent_app`');
    await queryRunner.query('DROP TABLE `portal_recent_app`');
  }
}
