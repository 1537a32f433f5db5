import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalIdentity1796075269582 implements MigrationInterface {
  name = 'PortalIdentity1796075269582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `portal_identity` (`id` int NOT NULL AUTO_INCREMENT, `issuer` varchar(255) NOT NULL, `subject` varchar(255) NOT NULL, `user_id` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_portal_identity_user` (`user_id`), UNIQUE INDEX `uk_portal_identity` (`issuer`, `subject`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uk_portal_identity` ON `portal_identity`');
    await queryRunner.query('DROP INDEX `ix_portal_identity_user` ON `portal_identity`');
    await queryRunner.query('DROP TABLE `portal_identity`');
  }
}
