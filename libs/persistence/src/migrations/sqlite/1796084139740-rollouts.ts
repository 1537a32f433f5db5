import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Rollouts1796084139740 implements MigrationInterface {
  name = 'Rollouts1796084139740';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "client_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "data_center" varchar(64) NOT NULL DEFAULT (\'\'), "ip" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "release_key" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "message" varchar(256) NOT NULL DEFAULT (\'\'), "reported_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_client_report_release" ON "client_report" ("release_key", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_client_report" ON "client_report" ("app_id", "cluster_name", "data_center", "ip", "release_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rollout_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rollout_id" integer NOT NULL, "kind" varchar(32) NOT NULL, "step_index" integer NOT NULL, "operator" varchar(64) NOT NULL, "detail" varchar(1024) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_rollout_event_rollout" ON "rollout_event" ("rollout_id") ');
    await queryRunner.query(
      'CREATE TABLE "rollout" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "branch_name" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "plan" text NOT NULL, "step_index" integer NOT NULL DEFAULT (0), "step_started_at" datetime NOT NULL, "release_title" varchar(64) NOT NULL DEFAULT (\'\'), "release_comment" varchar(256) NOT NULL DEFAULT (\'\'), "gray_release_id" integer NOT NULL DEFAULT (0), "merged_release_id" integer NOT NULL DEFAULT (0), "reason" varchar(1024) NOT NULL DEFAULT (\'\'), "version" integer NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_rollout_status" ON "rollout" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_rollout_namespace" ON "rollout" ("app_id", "cluster_name", "namespace_name") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_rollout_namespace"');
    await queryRunner.query('DROP INDEX "ix_rollout_status"');
    await queryRunner.query('DROP TABLE "rollout"');
    await queryRunner.query('DROP INDEX "ix_rollout_event_rollout"');
    await queryRunner.query('DROP TABLE "rollout_event"');
    await queryRunner.query('DROP INDEX "uq_client_report"');
    await queryRunner.query('DROP INDEX "ix_client_report_release"');
    await queryRunner.query('DROP TABLE "client_report"');
  }
}
