import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Rollouts1796084139740 implements MigrationInterface {
  name = 'Rollouts1796084139740';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `client_report` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `data_center` varchar(64) NOT NULL DEFAULT '', `ip` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `release_key` varchar(64) NOT NULL, `status` varchar(16) NOT NULL, `message` varchar(256) NOT NULL DEFAULT '', `reported_at` datetime NOT NULL, INDEX `ix_client_report_release` (`release_key`, `status`), UNIQUE INDEX `uq_client_report` (`app_id`, `cluster_name`, `data_center`, `ip`, `release_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
    await queryRunner.query(
      "CREATE TABLE `rollout_event` (`id` int NOT NULL AUTO_INCREMENT, `rollout_id` int NOT NULL, `kind` varchar(32) NOT NULL, `step_index` int NOT NULL, `operator` varchar(64) NOT NULL, `detail` varchar(1024) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_rollout_event_rollout` (`rollout_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
    await queryRunner.query(
      "CREATE TABLE `rollout` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `branch_name` varchar(64) NOT NULL, `status` varchar(16) NOT NULL, `plan` longtext NOT NULL, `step_index` int NOT NULL DEFAULT '0', `step_started_at` datetime NOT NULL, `release_title` varchar(64) NOT NULL DEFAULT '', `release_comment` varchar(256) NOT NULL DEFAULT '', `gray_release_id` int NOT NULL DEFAULT '0', `merged_release_id` int NOT NULL DEFAULT '0', `reason` varchar(1024) NOT NULL DEFAULT '', `version` int NOT NULL DEFAULT '0', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_rollout_status` (`status`), INDEX `ix_rollout_namespace` (`app_id`, `cluster_name`, `namespace_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_rollout_namespace` ON `rollout`');
    await queryRunner.query('DROP INDEX `ix_rollout_status` ON `rollout`');
    await queryRunner.query('DROP TABLE `rollout`');
    await queryRunner.query('DROP INDEX `ix_rollout_event_rollout` ON `rollout_event`');
    await queryRunner.query('DROP TABLE `rollout_event`');
    await queryRunner.query('DROP INDEX `uq_client_report` ON `client_report`');
    await queryRunner.query('DROP INDEX `ix_client_report_release` ON `client_report`');
    await queryRunner.query('DROP TABLE `client_report`');
  }
}
