import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReleaseWebhooks1796078570296 implements MigrationInterface {
  name = 'ReleaseWebhooks1796078570296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `release_webhook` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL DEFAULT '', `url` varchar(2048) NOT NULL, `secret` varchar(256) NOT NULL, `timeout_ms` int NOT NULL, `fail_open` tinyint NOT NULL DEFAULT 0, `created_by` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_release_webhook_app_id` (`app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_release_webhook_app_id` ON `release_webhook`');
    await queryRunner.query('DROP TABLE `release_webhook`');
  }
}
