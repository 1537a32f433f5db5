import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalRoles1796065629684 implements MigrationInterface {
  name = 'PortalRoles1796065629684';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `portal_role_grant` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `role` varchar(32) NOT NULL, `app_id` varchar(64) NOT NULL DEFAULT '', `env` varchar(32) NOT NULL DEFAULT '', `cluster_name` varchar(32) NOT NULL DEFAULT '', `namespace_name` varchar(128) NOT NULL DEFAULT '', `created_by` varchar(64) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_portal_role_grant_app` (`app_id`), UNIQUE INDEX `uk_portal_role_grant` (`user_id`, `role`, `app_id`, `env`, `cluster_name`, `namespace_name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uk_portal_role_grant` ON `portal_role_grant`');
    await queryRunner.query('DROP INDEX `ix_portal_role_grant_app` ON `portal_role_grant`');
    await queryRunner.query('DROP TABLE `portal_role_grant`');
  }
}
