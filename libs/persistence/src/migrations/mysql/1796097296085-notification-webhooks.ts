import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationWebhooks1796097296085 implements MigrationInterface {
  name = 'NotificationWebhooks1796097296085';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `webhook_delivery` (`id` int NOT NULL AUTO_INCREMENT, `webhook_id` int NOT NULL, `app_id` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `event` varchar(32) NOT NULL, `payload` longtext NOT NULL, `status` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `next_attempt_at` bigint NOT NULL, `lease_token` varchar(64) NOT NULL DEFAULT '', `lease_until` bigint NOT NULL DEFAULT '0', `last_status` int NOT NULL DEFAULT '0', `last_error` varchar(512) NOT NULL DEFAULT '', `last_attempt_at` bigint NOT NULL DEFAULT '0', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_webhook_delivery_app` (`app_id`, `id`), INDEX `ix_webhook_delivery_due` (`status`, `next_attempt_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
    await queryRunner.query(
      "ALTER TABLE `release_webhook` ADD `kind` varchar(16) NOT NULL DEFAULT 'validate'",
    );
    await queryRunner.query("ALTER TABLE `release_webhook` ADD `events` varchar(256) NOT NULL DEFAULT ''");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `release_webhook` DROP COLUMN `events`');
    await queryRunner.query('ALTER TABLE `release_webhook` DROP COLUMN `kind`');
    await queryRunner.query('DROP INDEX `ix_webhook_delivery_due` ON `webhook_delivery`');
    await queryRunner.query('DROP INDEX `ix_webhook_delivery_app` ON `webhook_delivery`');
    await queryRunner.query('DROP TABLE `webhook_delivery`');
  }
}
