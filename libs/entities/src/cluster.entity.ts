import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

/** `parentClusterId` is 0 for a real cluster and the parent's id for a gray-release branch. */
@Entity({ name: 'cluster' })
@Index('uq_cluster_app_name', ['appId', 'name', 'deletedAt'], { unique: true })
@Index('ix_cluster_parent', ['parentClusterId'])
export class ClusterEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'int', default: 0 })
  parentClusterId!: number;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;
}
