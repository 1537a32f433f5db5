import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalConsumers1796075221080 implements MigrationInterface {
  name = 'PortalConsumers1796075221080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `portal_consumer` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `name` varchar(128) NOT NULL, `org_id` varchar(64) NOT NULL DEFAULT '', `org_name` varchar(128) NOT NULL DEFAULT '', `owner_name` varchar(64) NOT NULL, `owner_email` varchar(128) NOT NULL DEFAULT '', `rate_limit` int NOT NULL DEFAULT '0', `allow_create_application` tinyint NOT NULL DEFAULT 0, `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uk_portal_consumer_app` (`app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `portal_consumer_token` (`id` int NOT NULL AUTO_INCREMENT, `consumer_id` int NOT NULL, `token_hash` varchar(64) NOT NULL, `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_portal_consumer_token_consumer` (`consumer_id`), UNIQUE INDEX `uk_portal_consumer_token_hash` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `portal_consumer_grant` (`id` int NOT NULL AUTO_INCREMENT, `consumer_id` int NOT NULL, `app_id` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL DEFAULT '', `env` varchar(32) NOT NULL DEFAULT '', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uk_portal_consumer_grant` (`consumer_id`, `app_id`, `namespace_name`, `env`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uk_portal_consumer_grant` ON `portal_consumer_grant`');
    await queryRunner.query('DROP TABLE `portal_consumer_grant`');
    await queryRunner.query('DROP INDEX `uk_portal_consumer_token_hash` ON `portal_consumer_token`');
    await queryRunner.query('DROP INDEX `ix_portal_consumer_token_consumer` ON `portal_consumer_token`');
    await queryRunner.query('DROP TABLE `portal_consumer_token`');
    await queryRunner.query('DROP INDEX `uk_portal_consumer_app` ON `portal_consumer`');
    await queryRunner.query('DROP TABLE `portal_consumer`');
  }
}
