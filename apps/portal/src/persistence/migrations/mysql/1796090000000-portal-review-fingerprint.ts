import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalReviewFingerprint1796090000000 implements MigrationInterface {
  name = 'PortalReviewFingerprint1796090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `portal_review_request` ADD `fingerprint` varchar(64) NOT NULL DEFAULT ''",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `portal_review_request` DROP COLUMN `fingerprint`');
  }
}
