import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalReview1796074375360 implements MigrationInterface {
  name = 'PortalReview1796074375360';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `portal_review_request` (`id` int NOT NULL AUTO_INCREMENT, `env` varchar(32) NOT NULL, `app_id` varchar(64) NOT NULL, `cluster_name` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `status` varchar(16) NOT NULL, `requested_by` varchar(64) NOT NULL, `release_title` varchar(64) NOT NULL DEFAULT '', `release_comment` varchar(256) NOT NULL DEFAULT '', `base_release_id` int NOT NULL, `changes` longtext NOT NULL, `reviewed_by` varchar(64) NOT NULL DEFAULT '', `review_comment` varchar(256) NOT NULL DEFAULT '', `release_id` int NOT NULL DEFAULT '0', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `reviewed_at` bigint NOT NULL DEFAULT '0', INDEX `ix_portal_review_request_requester` (`requested_by`, `status`), INDEX `ix_portal_review_request_status` (`status`, `env`, `app_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `portal_review_policy` (`app_id` varchar(64) NOT NULL, `env` varchar(32) NOT NULL, `required` tinyint NOT NULL, `updated_by` varchar(64) NOT NULL DEFAULT '', PRIMARY KEY (`app_id`, `env`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `portal_review_policy`');
    await queryRunner.query('DROP INDEX `ix_portal_review_request_status` ON `portal_review_request`');
    await queryRunner.query('DROP INDEX `ix_portal_review_request_requester` ON `portal_review_request`');
    await queryRunner.query('DROP TABLE `portal_review_request`');
  }
}
