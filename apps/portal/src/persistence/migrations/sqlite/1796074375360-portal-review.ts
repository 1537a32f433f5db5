import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalReview1796074375360 implements MigrationInterface {
  name = 'PortalReview1796074375360';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "portal_review_request" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "env" varchar(32) NOT NULL, "app_id" varchar(64) NOT NULL, "cluster_name" varchar(64) NOT NULL, "namespace_name" varchar(128) NOT NULL, "status" varchar(16) NOT NULL, "requested_by" varchar(64) NOT NULL, "release_title" varchar(64) NOT NULL DEFAULT (\'\'), "release_comment" varchar(256) NOT NULL DEFAULT (\'\'), "base_release_id" integer NOT NULL, "changes" text NOT NULL, "reviewed_by" varchar(64) NOT NULL DEFAULT (\'\'), "review_comment" varchar(256) NOT NULL DEFAULT (\'\'), "release_id" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "reviewed_at" bigint NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_portal_review_request_requester" ON "portal_review_request" ("requested_by", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_portal_review_request_status" ON "portal_review_request" ("status", "env", "app_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "portal_review_policy" ("app_id" varchar(64) NOT NULL, "env" varchar(32) NOT NULL, "required" boolean NOT NULL, "updated_by" varchar(64) NOT NULL DEFAULT (\'\'), PRIMARY KEY ("app_id", "env"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "portal_review_policy"');
    await queryRunner.query('DROP INDEX "ix_portal_review_request_status"');
    await queryRunner.query('DROP INDEX "ix_portal_review_request_requester"');
    await queryRunner.query('DROP TABLE "portal_review_request"');
  }
}
