import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NamespaceSecretFlag1796099229243 implements MigrationInterface {
  name = 'NamespaceSecretFlag1796099229243';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `app_namespace` ADD `is_secret` tinyint NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `app_namespace` DROP COLUMN `is_secret`');
  }
}
