import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

/** An immutable snapshot of a namespace's configurations. Rollback abandons, never edits. */
@Entity({ name: 'release' })
@Index('uq_release_key', ['releaseKey'], { unique: true })
@Index('ix_release_namespace', ['appId', 'clusterName', 'namespaceName', 'isAbandoned'])
export class ReleaseEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  releaseKey!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  name!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @LargeTextColumn()
  configurations!: string;

  @Column({ default: false })
  isAbandoned!: boolean;
}
