import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LargeTextColumn } from './large-text-column';

/**
 * One version of the JSON Schema of a namespace definition (app + namespace name, every cluster).
 * Versions are only added: the newest is in force, an empty `definition` means the schema was
 * removed at that version, and the rows are the history.
 */
@Entity({ name: 'namespace_schema' })
@Index('uq_namespace_schema_version', ['appId', 'namespaceName', 'version'], { unique: true })
export class NamespaceSchemaEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  /** 1, 2, …: per namespace definition; the unique index settles two writers racing. */
  @Column({ type: 'int' })
  version!: number;

  /** The schema as JSON text; empty when this version removed it. */
  @LargeTextColumn()
  definition!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
