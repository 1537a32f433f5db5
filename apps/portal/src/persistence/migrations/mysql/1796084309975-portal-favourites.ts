import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalFavourites1796084309975 implements MigrationInterface {
  name = 'PortalFavourites1796084309975';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `portal_favourite` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `app_id` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uk_portal_favourite` (`user_id`, `app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uk_portal_favourite` ON `portal_favourite`');
    await queryRunner.query('DROP TABLE `portal_favourite`');
  }
}
