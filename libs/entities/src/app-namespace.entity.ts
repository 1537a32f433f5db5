import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

/** A namespace's definition (name, format, visibility); instantiated per cluster as NamespaceEntity. */
@Entity({ name: 'app_namespace' })
@Index('uq_app_namespace_app_name', ['appId', 'name', 'deletedAt'], { unique: true })
@Index('ix_app_namespace_name', ['name'])
export class AppNamespaceEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'properties' })
  format!: string;

  @Column({ default: false })
  isPublic!: boolean;

  /** Every item of the namespace is secret (stored encrypted, shown masked), whatever it says. */
  @Column({ default: false })
  isSecret!: boolean;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;
}
