import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalAudit1796069992319 implements MigrationInterface {
  name = 'PortalAudit1796069992319';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `portal_audit` (`id` int NOT NULL AUTO_INCREMENT, `username` varchar(64) NOT NULL, `method` varchar(8) NOT NULL, `route` varchar(255) NOT NULL, `path` varchar(1024) NOT NULL, `env` varchar(32) NOT NULL DEFAULT '', `app_id` varchar(64) NOT NULL DEFAULT '', `status` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_portal_audit_user` (`username`), INDEX `ix_portal_audit_created` (`created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_portal_audit_created` ON `portal_audit`');
    await queryRunner.query('DROP INDEX `ix_portal_audit_user` ON `portal_audit`');
    await queryRunner.query('DROP TABLE `portal_audit`');
  }
}
