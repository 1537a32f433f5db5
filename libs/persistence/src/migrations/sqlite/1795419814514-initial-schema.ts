import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795419814514 implements MigrationInterface {
  name = 'InitialSchema1795419814514';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_namespace" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "format" varchar(16) NOT NULL DEFAULT (\'properties\'), "is_public" boolean NOT NULL DEFAULT (0), "comment" varchar(256) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query('CREATE INDEX "ix_app_namespace_name" ON "app_namespace" ("name") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_app_namespace_app_name" ON "app_namespace" ("app_id", "name", "deleted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "app" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(128) NOT NULL, "org_id" varchar(64) NOT NULL DEFAULT (\'\'), "org_name" varchar(128) NOT NULL DEFAULT (\'\'), "owner_name" varchar(64) NOT NULL DEFAULT (\'\'), "owner_email" varchar(128) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_app_app_id" ON "app" ("app_id", "deleted_at") ');
    await queryRunner.query(
      'CREATE TABLE "audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "entity_name" varchar(64) NOT NULL, "entity_id" integer NOT NULL, "op_name" varchar(32) NOT NULL, "comment" varchar(512) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_entity" ON "audit" ("entity_name", "entity_id") ');
    await queryRunner.query(
      'CREATE TABLE "cluster" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "name" varchar(64) NOT NULL, "parent_cluster_id" integer NOT NULL DEFAULT (0), "comment" varchar(256) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query('CREATE INDEX "ix_cluster_parent" ON "cluster" ("parent_cluster_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_cluster_app_name" ON "cluster" ("app_id", "name", "deleted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "commit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "change_sets" text NOT NULL, "comment" varchar(256) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_commit_namespace" ON "commit" ("app_id", "cluster_name", "namespace_name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "namespace_id" integer NOT NULL, "key" varchar(128) NOT NULL DEFAULT (\'\'), "type" integer NOT NULL DEFAULT (0), "value" text NOT NULL, "comment" varchar(256) NOT NULL DEFAULT (\'\'), "line_num" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "ix_item_namespace" ON "item" ("namespace_id", "is_deleted") ');
    await queryRunner.query(
      'CREATE TABLE "namespace" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_namespace_name" ON "namespace" ("namespace_name") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_namespace_app_cluster_name" ON "namespace" ("app_id", "cluster_name", "namespace_name", "deleted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "release_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "branch_name" varchar(64) NOT NULL, "release_id" integer NOT NULL DEFAULT (0), "previous_release_id" integer NOT NULL DEFAULT (0), "operation" integer NOT NULL DEFAULT (0), "operation_context" text NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_release_history_release" ON "release_history" ("release_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_release_history_namespace" ON "release_history" ("app_id", "cluster_name", "namespace_name", "branch_name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "release_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "message" varchar(512) NOT NULL, "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_release_message_message" ON "release_message" ("message") ');
    await queryRunner.query(
      'CREATE TABLE "release" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "is_deleted" boolean NOT NULL DEFAULT (0), "deleted_at" bigint NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_modified_by" varchar(64) NOT NULL DEFAULT (\'\'), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "release_key" varchar(64) NOT NULL, "name" varchar(64) NOT NULL DEFAULT (\'\'), "comment" varchar(256) NOT NULL DEFAULT (\'\'), "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "configurations" text NOT NULL, "is_abandoned" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_release_namespace" ON "release" ("app_id", "cluster_name", "namespace_name", "is_abandoned") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_release_key" ON "release" ("release_key") ');
    await queryRunner.query(
      'CREATE TABLE "service_registry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "service_name" varchar(64) NOT NULL, "instance_id" varchar(128) NOT NULL, "uri" varchar(512) NOT NULL, "cluster" varchar(64) NOT NULL DEFAULT (\'default\'), "metadata" varchar(1024) NOT NULL DEFAULT (\'{}\'), "last_heartbeat_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_service_registry_service" ON "service_registry" ("service_name", "last_heartbeat_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_service_registry_instance" ON "service_registry" ("instance_id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_service_registry_instance"');
    await queryRunner.query('DROP INDEX "ix_service_registry_service"');
    await queryRunner.query('DROP TABLE "service_registry"');
    await queryRunner.query('DROP INDEX "uq_release_key"');
    await queryRunner.query('DROP INDEX "ix_release_namespace"');
    await queryRunner.query('DROP TABLE "release"');
    await queryRunner.query('DROP INDEX "ix_release_message_message"');
    await queryRunner.query('DROP TABLE "release_message"');
    await queryRunner.query('DROP INDEX "ix_release_history_namespace"');
    await queryRunner.query('DROP INDEX "ix_release_history_release"');
    await queryRunner.query('DROP TABLE "release_history"');
    await queryRunner.query('DROP INDEX "uq_namespace_app_cluster_name"');
    await queryRunner.query('DROP INDEX "ix_namespace_name"');
    await queryRunner.query('DROP TABLE "namespace"');
    await queryRunner.query('DROP INDEX "ix_item_namespace"');
    await queryRunner.query('DROP TABLE "item"');
    await queryRunner.query('DROP INDEX "ix_commit_namespace"');
    await queryRunner.query('DROP TABLE "commit"');
    await queryRunner.query('DROP INDEX "uq_cluster_app_name"');
    await queryRunner.query('DROP INDEX "ix_cluster_parent"');
    await queryRunner.query('DROP TABLE "cluster"');
    await queryRunner.query('DROP INDEX "ix_audit_entity"');
    await queryRunner.query('DROP TABLE "audit"');
    await queryRunner.query('DROP INDEX "uq_app_app_id"');
    await queryRunner.query('DROP TABLE "app"');
    await queryRunner.query('DROP INDEX "uq_app_namespace_app_name"');
    await queryRunner.query('DROP INDEX "ix_app_namespace_name"');
    await queryRunner.query('DROP TABLE "app_namespace"');
  }
}
