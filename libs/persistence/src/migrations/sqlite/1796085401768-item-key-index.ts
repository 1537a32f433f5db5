import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ItemKeyIndex1796085401768 implements MigrationInterface {
  name = 'ItemKeyIndex1796085401768';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_item_key" ON "item" ("key") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_item_key"');
  }
}
