import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessKeyMode1796066386020 implements MigrationInterface {
  name = 'AccessKeyMode1796066386020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `access_key` ADD `mode` int NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `access_key` DROP COLUMN `mode`');
  }
}
