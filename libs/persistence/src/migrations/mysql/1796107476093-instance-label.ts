import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InstanceLabel1796107476093 implements MigrationInterface {
  name = 'InstanceLabel1796107476093';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_instance_identity` ON `instance`');
    await queryRunner.query("ALTER TABLE `instance` ADD `label` varchar(64) NOT NULL DEFAULT ''");
    await queryRunner.query(
      'CREATE UNIQUE INDEX `uq_instance_identity` ON `instance` (`app_id`, `cluster_name`, `data_center`, `ip`, `label`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_instance_identity` ON `instance`');
    await queryRunner.query('ALTER TABLE `instance` DROP COLUMN `label`');
    await queryRunner.query(
      'CREATE UNIQUE INDEX `uq_instance_identity` ON `instance` (`app_id`, `cluster_name`, `data_center`, `ip`)',
    );
  }
}
