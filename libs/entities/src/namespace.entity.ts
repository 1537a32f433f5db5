import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

@Entity({ name: 'namespace' })
@Index('uq_namespace_app_cluster_name', ['appId', 'clusterName', 'namespaceName', 'deletedAt'], {
  unique: true,
})
@Index('ix_namespace_name', ['namespaceName'])
export class NamespaceEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;
}
