import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalPeople1796064275626 implements MigrationInterface {
  name = 'PortalPeople1796064275626';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `portal_user` (`id` int NOT NULL AUTO_INCREMENT, `username` varchar(64) NOT NULL, `display_name` varchar(128) NOT NULL DEFAULT '', `email` varchar(128) NOT NULL DEFAULT '', `password_hash` varchar(255) NOT NULL, `is_super_admin` tinyint NOT NULL DEFAULT 0, `is_enabled` tinyint NOT NULL DEFAULT 1, `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uk_portal_user_username` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `portal_session` (`id` varchar(64) NOT NULL, `user_id` int NOT NULL, `csrf_token` varchar(64) NOT NULL, `expires_at` bigint NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_portal_session_user` (`user_id`), INDEX `ix_portal_session_expires` (`expires_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `portal_setting` (`name` varchar(64) NOT NULL, `value` varchar(1024) NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `portal_setting`');
    await queryRunner.query('DROP INDEX `ix_portal_session_expires` ON `portal_session`');
    await queryRunner.query('DROP INDEX `ix_portal_session_user` ON `portal_session`');
    await queryRunner.query('DROP TABLE `portal_session`');
    await queryRunner.query('DROP INDEX `uk_portal_user_username` ON `portal_user`');
    await queryRunner.query('DROP TABLE `portal_user`');
  }
}
