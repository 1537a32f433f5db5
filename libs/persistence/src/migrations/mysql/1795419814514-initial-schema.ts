import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795419814514 implements MigrationInterface {
  name = 'InitialSchema1795419814514';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `app_namespace` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `name` varchar(128) NOT NULL, `format` varchar(16) NOT NULL DEFAULT 'properties', `is_public` tinyint NOT NULL DEFAULT 0, `comment` varchar(256) NOT NULL DEFAULT '', INDEX `ix_app_namespace_name` (`name`), UNIQUE INDEX `uq_app_namespace_app_name` (`app_id`, `name`, `deleted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `app` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `name` varchar(128) NOT NULL, `org_id` varchar(64) NOT NULL DEFAULT '', `org_name` varchar(128) NOT NULL DEFAULT '', `owner_name` varchar(64) NOT NULL DEFAULT '', `owner_email` varchar(128) NOT NULL DEFAULT '', UNIQUE INDEX `uq_app_app_id` (`app_id`, `deleted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `audit` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `entity_name` varchar(64) NOT NULL, `entity_id` int NOT NULL, `op_name` varchar(32) NOT NULL, `comment` varchar(512) NOT NULL DEFAULT '', INDEX `ix_audit_entity` (`entity_name`, `entity_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `cluster` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `name` varchar(64) NOT NULL, `parent_cluster_id` int NOT NULL DEFAULT '0', `comment` varchar(256) NOT NULL DEFAULT '', INDEX `ix_cluster_parent` (`parent_cluster_id`), UNIQUE INDEX `uq_cluster_app_name` (`app_id`, `name`, `deleted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `commit` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `change_sets` longtext NOT NULL, `comment` varchar(256) NOT NULL DEFAULT '', INDEX `ix_commit_namespace` (`app_id`, `cluster_name`, `namespace_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `item` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `namespace_id` int NOT NULL, `key` varchar(128) NOT NULL DEFAULT '', `type` int NOT NULL DEFAULT '0', `value` longtext NOT NULL, `comment` varchar(256) NOT NULL DEFAULT '', `line_num` int NOT NULL DEFAULT '0', `version` int NOT NULL DEFAULT '1', INDEX `ix_item_namespace` (`namespace_id`, `is_deleted`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `namespace` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, INDEX `ix_namespace_name` (`namespace_name`), UNIQUE INDEX `uq_namespace_app_cluster_name` (`app_id`, `cluster_name`, `namespace_name`, `deleted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `release_history` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `branch_name` varchar(64) NOT NULL, `release_id` int NOT NULL DEFAULT '0', `previous_release_id` int NOT NULL DEFAULT '0', `operation` int NOT NULL DEFAULT '0', `operation_context` longtext NOT NULL, INDEX `ix_release_history_release` (`release_id`), INDEX `ix_release_history_namespace` (`app_id`, `cluster_name`, `namespace_name`, `branch_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `release_message` (`id` int NOT NULL AUTO_INCREMENT, `message` varchar(512) NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_release_message_message` (`message`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `release` (`id` int NOT NULL AUTO_INCREMENT, `is_deleted` tinyint NOT NULL DEFAULT 0, `deleted_at` bigint NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_modified_by` varchar(64) NOT NULL DEFAULT '', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `release_key` varchar(64) NOT NULL, `name` varchar(64) NOT NULL DEFAULT '', `comment` varchar(256) NOT NULL DEFAULT '', `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `configurations` longtext NOT NULL, `is_abandoned` tinyint NOT NULL DEFAULT 0, INDEX `ix_release_namespace` (`app_id`, `cluster_name`, `namespace_name`, `is_abandoned`), UNIQUE INDEX `uq_release_key` (`release_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `service_registry` (`id` int NOT NULL AUTO_INCREMENT, `service_name` varchar(64) NOT NULL, `instance_id` varchar(128) NOT NULL, `uri` varchar(512) NOT NULL, `cluster` varchar(64) NOT NULL DEFAULT 'default', `metadata` varchar(1024) NOT NULL DEFAULT '{}', `last_heartbeat_at` datetime NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_service_registry_service` (`service_name`, `last_heartbeat_at`), UNIQUE INDEX `uq_service_registry_instance` (`instance_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_service_registry_instance` ON `service_registry`');
    await queryRunner.query('DROP INDEX `ix_service_registry_service` ON `service_registry`');
    await queryRunner.query('DROP TABLE `service_registry`');
    await queryRunner.query('DROP INDEX `uq_release_key` ON `release`');
    await queryRunner.query('DROP INDEX `ix_release_namespace` ON `release`');
    await queryRunner.query('DROP TABLE `release`');
    await queryRunner.query('DROP INDEX `ix_release_message_message` ON `release_message`');
    await queryRunner.query('DROP TABLE `release_message`');
    await queryRunner.query('DROP INDEX `ix_release_history_namespace` ON `release_history`');
    await queryRunner.query('DROP INDEX `ix_release_history_release` ON `release_history`');
    await queryRunner.query('DROP TABLE `release_history`');
    await queryRunner.query('DROP INDEX `uq_namespace_app_cluster_name` ON `namespace`');
    await queryRunner.query('DROP INDEX `ix_namespace_name` ON `namespace`');
    await queryRunner.query('DROP TABLE `namespace`');
    await queryRunner.query('DROP INDEX `ix_item_namespace` ON `item`');
    await queryRunner.query('DROP TABLE `item`');
    await queryRunner.query('DROP INDEX `ix_commit_namespace` ON `commit`');
    await queryRunner.query('DROP TABLE `commit`');
    await queryRunner.query('DROP INDEX `uq_cluster_app_name` ON `cluster`');
    await queryRunner.query('DROP INDEX `ix_cluster_parent` ON `cluster`');
    await queryRunner.query('DROP TABLE `cluster`');
    await queryRunner.query('DROP INDEX `ix_audit_entity` ON `audit`');
    await queryRunner.query('DROP TABLE `audit`');
    await queryRunner.query('DROP INDEX `uq_app_app_id` ON `app`');
    await queryRunner.query('DROP TABLE `app`');
    await queryRunner.query('DROP INDEX `uq_app_namespace_app_name` ON `app_namespace`');
    await queryRunner.query('DROP INDEX `ix_app_namespace_name` ON `app_namespace`');
    await queryRunner.query('DROP TABLE `app_namespace`');
  }
}
