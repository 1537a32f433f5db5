import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppIncrementalSync1796067267518 implements MigrationInterface {
  name = 'AppIncrementalSync1796067267518';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `app` ADD `incremental_sync` tinyint NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `app` DROP COLUMN `incremental_sync`');
  }
}
