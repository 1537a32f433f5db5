import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

const LIVE_KEY_EXPRESSION = "CASE WHEN is_deleted = 0 AND `key` <> '' THEN `key` END";

/**
 * One key of a namespace. Comment and blank lines of a properties text are kept as items with
 * an empty key so that a text edit round-trips; non-properties formats keep one `content` item.
 * `version` guards concurrent edits: an update names the version it read.
 */
@Entity({ name: 'item' })
@Index('ix_item_namespace', ['namespaceId', 'isDeleted'])
@Index('uq_item_live_key', ['namespaceId', 'liveKey'], { unique: true })
// Searching keys across namespaces (the portal's global search) reads a range of this index.
@Index('ix_item_key', ['key'])
export class ItemEntity extends AuditedEntity {
  @Column({ type: 'int' })
  namespaceId!: number;

  @Column({ type: 'varchar', length: 128, default: '' })
  key!: string;

  @Column({ type: 'int', default: 0 })
  type!: number;

  @LargeTextColumn()
  value!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;

  @Column({ type: 'int', default: 0 })
  lineNum!: number;

  @VersionColumn({ default: 1 })
  version!: number;

  /**
   * The key while the item is live and has one, NULL otherwise. Computed by the database, so the
   * unique index over (namespaceId, liveKey) makes two live rows of one key impossible whoever
   * writes them, while deleted rows and comment lines (NULL) are not constrained.
   */
  @Column({
    type: 'varchar',
    length: 128,
    nullable: true,
    generatedType: 'VIRTUAL',
    asExpression: LIVE_KEY_EXPRESSION,
    insert: false,
    update: false,
    select: false,
  })
  liveKey?: string | null;
}
