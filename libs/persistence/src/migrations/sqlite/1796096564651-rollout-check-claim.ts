import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RolloutCheckClaim1796096564651 implements MigrationInterface {
  name = 'RolloutCheckClaim1796096564651';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_rollout_namespace"');
    await queryRunner.query('DROP INDEX "ix_rollout_status"');
    await queryRunner.query(
      'CREATE TABLE "temporary_rollout" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "branch_name" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "plan" text NOT NULL, "step_index" integer NOT NULL DEFAULT (0), "step_started_at" datetime NOT NULL, "release_title" varchar(64) NOT NULL DEFAULT (\'\'), "release_comment" varchar(256) NOT NULL DEFAULT (\'\'), "gray_release_id" integer NOT NULL DEFAULT (0), "merged_release_id" integer NOT NULL DEFAULT (0), "reason" varchar(1024) NOT NULL DEFAULT (\'\'), "version" integer NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "check_claimed_at" bigint NOT NULL DEFAULT (0), "check_verdict" varchar(512) NOT NULL DEFAULT (\'\'), "checked_at" bigint NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_rollout"("id", "app_id", "cluster_name", "namespace_name", "branch_name", "status", "plan", "step_index", "step_started_at", "release_title", "release_comment", "gray_release_id", "merged_release_id", "reason", "version", "created_by", "created_at", "updated_at") SELECT "id", "app_id", "cluster_name", "namespace_name", "branch_name", "status", "plan", "step_index", "step_started_at", "release_title", "release_comment", "gray_release_id", "merged_release_id", "reason", "version", "created_by", "created_at", "updated_at" FROM "rollout"',
    );
    await queryRunner.query('DROP TABLE "rollout"');
    await queryRunner.query('ALTER TABLE "temporary_rollout" RENAME TO "rollout"');
    await queryRunner.query(
      'CREATE INDEX "ix_rollout_namespace" ON "rollout" ("app_id", "cluster_name", "namespace_name") ',
    );
    await queryRunner.query('CREATE INDEX "ix_rollout_status" ON "rollout" ("status") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_rollout_status"');
    await queryRunner.query('DROP INDEX "ix_rollout_namespace"');
    await queryRunner.query('ALTER TABLE "rollout" RENAME TO "temporary_rollout"');
    await queryRunner.query(
      'CREATE TABLE "rollout" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "branch_name" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "plan" text NOT NULL, "step_index" integer NOT NULL DEFAULT (0), "step_started_at" datetime NOT NULL, "release_title" varchar(64) NOT NULL DEFAULT (\'\'), "release_comment" varchar(256) NOT NULL DEFAULT (\'\'), "gray_release_id" integer NOT NULL DEFAULT (0), "merged_release_id" integer NOT NULL DEFAULT (0), "reason" varchar(1024) NOT NULL DEFAULT (\'\'), "version" integer NOT NULL DEFAULT (0), "created_by" varchar(64) NOT NULL DEFAULT (\'\'), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "rollout"("id", "app_id", "cluster_name", "namespace_name", "branch_name", "status", "plan", "step_index", "step_started_at", "release_title", "release_comment", "gray_release_id", "merged_release_id", "reason", "version", "created_by", "created_at", "updated_at") SELECT "id", "app_id", "cluster_name", "namespace_name", "branch_name", "status", "plan", "step_index", "step_started_at", "release_title", "release_comment", "gray_release_id", "merged_release_id", "reason", "version", "created_by", "created_at", "updated_at" FROM "temporary_rollout"',
    );
    await queryRunner.query('DROP TABLE "temporary_rollout"');
    await queryRunner.query('CREATE INDEX "ix_rollout_status" ON "rollout" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_rollout_namespace" ON "rollout" ("app_id", "cluster_name", "namespace_name") ',
    );
  }
}
