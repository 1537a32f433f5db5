import type { MigrationInterface, QueryRunner } from 'typeorm';
import { binaryCollation, CREATE_TYPEORM_METADATA } from './binary-collation';

const LIVE_KEY_EXPRESSION = "CASE WHEN is_deleted = 0 AND `key` <> '' THEN `key` END";

/**
 * At most one live item per key and namespace, enforced by a unique index over a generated
 * column (the key while live, NULL once deleted or for comment lines). Keys become binary
 * first: a case- or accent-insensitive index would refuse `Timeout` beside `TIMEOUT`. Live
 * duplicates that concurrent creates left behind are soft-deleted, keeping the newest row.
 */
export class LiveItemKeys1796064342509 implements MigrationInterface {
  name = 'LiveItemKeys1796064342509';

  async up(queryRunner: QueryRunner): Promise<void> {
    const collation = await binaryCollation(queryRunner);
    await queryRunner.query(
      `ALTER TABLE \`item\` MODIFY \`key\` varchar(128) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(
      "UPDATE `item` `older` JOIN `item` `newer` ON `newer`.`namespace_id` = `older`.`namespace_id` AND `newer`.`key` = `older`.`key` AND `newer`.`is_deleted` = 0 AND `newer`.`id` > `older`.`id` SET `older`.`is_deleted` = 1, `older`.`deleted_at` = ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) WHERE `older`.`is_deleted` = 0 AND `older`.`key` <> ''",
    );
    await queryRunner.query(
      `ALTER TABLE \`item\` ADD \`live_key\` varchar(128) CHARACTER SET utf8mb4 COLLATE ${collation} AS (${LIVE_KEY_EXPRESSION}) VIRTUAL`,
    );
    await queryRunner.query(CREATE_TYPEORM_METADATA);
    await queryRunner.query(
      "INSERT INTO `typeorm_metadata` (`database`, `schema`, `table`, `type`, `name`, `value`) VALUES (NULL, DATABASE(), 'item', 'GENERATED_COLUMN', 'live_key', ?)",
      [LIVE_KEY_EXPRESSION],
    );
    await queryRunner.query('CREATE UNIQUE INDEX `uq_item_live_key` ON `item` (`namespace_id`, `live_key`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_item_live_key` ON `item`');
    await queryRunner.query(
      "DELETE FROM `typeorm_metadata` WHERE `type` = 'GENERATED_COLUMN' AND `table` = 'item' AND `name` = 'live_key' AND `schema` = DATABASE()",
    );
    await queryRunner.query('ALTER TABLE `item` DROP COLUMN `live_key`');
    await queryRunner.query(
      "ALTER TABLE `item` MODIFY `key` varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT ''",
    );
  }
}
