import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook signing keys are stored encrypted (`hsec:v1:…`), longer than the keys themselves. */
export class WebhookSecretsEncrypted1796090412345 implements MigrationInterface {
  name = 'WebhookSecretsEncrypted1796090412345';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `release_webhook` MODIFY `secret` varchar(1024) NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `release_webhook` MODIFY `secret` varchar(256) NOT NULL');
  }
}
