import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalAuditChanges1796075821914 implements MigrationInterface {
  name = 'PortalAuditChanges1796075821914';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `portal_audit_change` (`audit_id` int NOT NULL, `before_value` longtext NOT NULL, `after_value` longtext NOT NULL, PRIMARY KEY (`audit_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query("ALTER TABLE `portal_audit` ADD `entity` varchar(255) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `portal_audit` ADD `action` varchar(64) NOT NULL DEFAULT ''");
    await queryRunner.query('CREATE INDEX `ix_portal_audit_app` ON `portal_audit` (`app_id`, `env`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_portal_audit_app` ON `portal_audit`');
    await queryRunner.query('ALTER TABLE `portal_audit` DROP COLUMN `action`');
    await queryRunner.query('ALTER TABLE `portal_audit` DROP COLUMN `entity`');
    await queryRunner.query('DROP TABLE `portal_audit_change`');
  }
}
