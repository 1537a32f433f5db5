import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NamespaceSchemas1796076252864 implements MigrationInterface {
  name = 'NamespaceSchemas1796076252864';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "namespace_schema" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "version" integer NOT NULL, "definition" text NOT NULL, "comment" varchar(256) NOT NULL DEFAULT (\'\'), "created_by" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_namespace_schema_version" ON "namespace_schema" ("app_id", "namespace_name", "version") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_namespace_schema_version"');
    await queryRunner.query('DROP TABLE "namespace_schema"');
  }
}
