import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NamespaceSchemas1796076252864 implements MigrationInterface {
  name = 'NamespaceSchemas1796076252864';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `namespace_schema` (`id` int NOT NULL AUTO_INCREMENT, `app_id` varchar(64) NOT NULL, `namespace_name` varchar(128) NOT NULL, `version` int NOT NULL, `definition` longtext NOT NULL, `comment` varchar(256) NOT NULL DEFAULT '', `created_by` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_namespace_schema_version` (`app_id`, `namespace_name`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_namespace_schema_version` ON `namespace_schema`');
    await queryRunner.query('DROP TABLE `namespace_schema`');
  }
}
