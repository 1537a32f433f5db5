import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RolloutCheckClaim1796096564651 implements MigrationInterface {
  name = 'RolloutCheckClaim1796096564651';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `rollout` ADD `check_claimed_at` bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `rollout` ADD `check_verdict` varchar(512) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `rollout` ADD `checked_at` bigint NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `rollout` DROP COLUMN `checked_at`');
    await queryRunner.query('ALTER TABLE `rollout` DROP COLUMN `check_verdict`');
    await queryRunner.query('ALTER TABLE `rollout` DROP COLUMN `check_claimed_at`');
  }
}
