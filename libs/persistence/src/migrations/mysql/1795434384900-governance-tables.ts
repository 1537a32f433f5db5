import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GovernanceTables1795434384900 implements MigrationInterface {
  name = 'GovernanceTables1795434384900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `access_key` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `secret` varchar(128) NOT NULL, `is_enabled` tinyint NOT NULL DEFAULT 0, INDEX `ix_access_key_app` (`app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `gray_release_rule` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `branch_name` varchar(64) NOT NULL, `rules` longtext NOT NULL, `release_id` int NOT NULL DEFAULT '0', `base_release_id` int NOT NULL DEFAULT '0', `branch_status` int NOT NULL DEFAULT '0', INDEX `ix_gray_release_rule_namespace` (`app_id`, `cluster_name`, `namespace_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `instance_config` (`id` int NOT NULL AUTO_INCREMENT, `instance_id` int NOT NULL, `config_app_id` varchar(64) NOT NULL, `config_cluster_name` varchar(64) NOT NULL, `config_namespace_name` varchar(128) NOT NULL, `release_key` varchar(256) NOT NULL, `release_delivered_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_instance_config_release` (`release_key`), INDEX `ix_instance_config_namespace` (`config_app_id`, `config_cluster_name`, `config_namespace_name`, `last_seen_at`), UNIQUE INDEX `uq_instance_config` (`instance_id`, `config_app_id`, `config_namespace_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `instance` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `data_center` varchar(64) NOT NULL DEFAULT '', `ip` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_instance_identity` (`app_id`, `cluster_name`, `data_center`, `ip`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `namespace_lock` (`id` int NOT NULL AUTO_INCREMENT, `namespace_id` int NOT NULL, `holder` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_namespace_lock_namespace` (`namespace_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_namespace_lock_namespace` ON `namespace_lock`');
    await queryRunner.query('DROP TABLE `namespace_lock`');
    await queryRunner.query('DROP INDEX `uq_instance_identity` ON `instance`');
    await queryRunner.query('DROP TABLE `instance`');
    await queryRunner.query('DROP INDEX `uq_instance_config` ON `instance_config`');
    await queryRunner.query('DROP INDEX `ix_instance_config_namespace` ON `instance_config`');
    await queryRunner.query('DROP INDEX `ix_instance_config_release` ON `instance_config`');
    await queryRunner.query('DROP TABLE `instance_config`');
    await queryRunner.query('DROP INDEX `ix_gray_release_rule_namespace` ON `gray_release_rule`');
    await queryRunner.query('DROP TABLE `gray_release_rule`');
    await queryRunner.query('DROP INDEX `ix_access_key_app` ON `access_key`');
    await queryRunner.query('DROP TABLE `access_key`');
  }
}
