import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

/**
 * One key of a namespace. Comment and blank lines of a properties text are kept as items with
 * an empty key so that a text edit round-trips; non-properties formats keep one `content` item.
 * `version` guards concurrent edits: an update names the version it read.
 */
@Entity({ name: 'item' })
@Index('ix_item_namespace', ['namespaceId', 'isDeleted'])
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
}
