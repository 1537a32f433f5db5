import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GovernanceTables1795434384900 implements MigrationInterface {
  name = 'GovernanceTables1795434384900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "access_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "secret" varchar(128) NOT NULL, "is_enabled" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query('CREATE INDEX "ix_access_key_app" ON "access_key" ("app_id") ');
    await queryRunner.query(
      'CREATE TABLE "gray_release_rule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "branch_name" varchar(64) NOT NULL, "rules" text NOT NULL, "release_id" integer NOT NULL DEFAULT (0), "base_release_id" integer NOT NULL DEFAULT (0), "branch_status" integer NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_gray_release_rule_namespace" ON "gray_release_rule" ("app_id", "cluster_name", "namespace_name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "instance_config" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "instance_id" integer NOT NULL, "config_app_id" varchar(64) NOT NULL, "config_cluster_name" varchar(64) NOT NULL, "config_namespace_name" varchar(128) NOT NULL, "release_key" varchar(256) NOT NULL, "release_delivered_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_instance_config_release" ON "instance_config" ("release_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_instance_config_namespace" ON "instance_config" ("config_app_id", "config_cluster_name", "config_namespace_name", "last_seen_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_instance_config" ON "instance_config" ("instance_id", "config_app_id", "config_namespace_name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "data_center" varchar(64) NOT NULL DEFAULT (\'\'), "ip" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_instance_identity" ON "instance" ("app_id", "cluster_name", "data_center", "ip") ',
    );
    await queryRunner.query(
      'CREATE TABLE "namespace_lock" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "namespace_id" integer NOT NULL, "holder" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_namespace_lock_namespace" ON "namespace_lock" ("namespace_id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_namespace_lock_namespace"');
    await queryRunner.query('DROP TABLE "namespace_lock"');
    await queryRunner.query('DROP INDEX "uq_instance_identity"');
    await queryRunner.query('DROP TABLE "instance"');
    await queryRunner.query('DROP INDEX "uq_instance_config"');
    await queryRunner.query('DROP INDEX "ix_instance_config_namespace"');
    await queryRunner.query('DROP INDEX "ix_instance_config_release"');
    await queryRunner.query('DROP TABLE "instance_config"');
    await queryRunner.query('DROP INDEX "ix_gray_release_rule_namespace"');
    await queryRunner.query('DROP TABLE "gray_release_rule"');
    await queryRunner.query('DROP INDEX "ix_access_key_app"');
    await queryRunner.query('DROP TABLE "access_key"');
  }
}
