import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InstanceLabel1796107476093 implements MigrationInterface {
  name = 'InstanceLabel1796107476093';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_instance_identity"');
    await queryRunner.query(
      'CREATE TABLE "temporary_instance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "data_center" varchar(64) NOT NULL DEFAULT (\'\'), "ip" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "label" varchar(64) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_instance"("id", "app_id", "cluster_name", "data_center", "ip", "created_at", "updated_at") SELECT "id", "app_id", "cluster_name", "data_center", "ip", "created_at", "updated_at" FROM "instance"',
    );
    await queryRunner.query('DROP TABLE "instance"');
    await queryRunner.query('ALTER TABLE "temporary_instance" RENAME TO "instance"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_instance_identity" ON "instance" ("app_id", "cluster_name", "data_center", "ip", "label") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_instance_identity"');
    await queryRunner.query('ALTER TABLE "instance" RENAME TO "temporary_instance"');
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "data_center" varchar(64) NOT NULL DEFAULT (\'\'), "ip" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "instance"("id", "app_id", "cluster_name", "data_center", "ip", "created_at", "updated_at") SELECT "id", "app_id", "cluster_name", "data_center", "ip", "created_at", "updated_at" FROM "temporary_instance"',
    );
    await queryRunner.query('DROP TABLE "temporary_instance"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_instance_identity" ON "instance" ("app_id", "cluster_name", "data_center", "ip") ',
    );
  }
}
