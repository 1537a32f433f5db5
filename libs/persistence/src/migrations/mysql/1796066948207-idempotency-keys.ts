import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1796066948207 implements MigrationInterface {
  name = 'IdempotencyKeys1796066948207';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `idempotency_key` (`id` int NOT NULL AUTO_INCREMENT, `request_key` varchar(128) NOT NULL, `operation` varchar(32) NOT NULL, `request_hash` varchar(64) NOT NULL, `response` longtext NOT NULL, `expires_at` bigint NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_idempotency_key_expires_at` (`expires_at`), UNIQUE INDEX `uq_idempotency_key_request_key` (`request_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_idempotency_key_request_key` ON `idempotency_key`');
    await queryRunner.query('DROP INDEX `ix_idempotency_key_expires_at` ON `idempotency_key`');
    await queryRunner.query('DROP TABLE `idempotency_key`');
  }
}
