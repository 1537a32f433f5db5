import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

/** Who did what to which entity; `createdBy` is the operator. */
@Entity({ name: 'audit' })
@Index('ix_audit_entity', ['entityName', 'entityId'])
export class AuditEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  entityName!: string;

  @Column({ type: 'int' })
  entityId!: number;

  @Column({ type: 'varchar', length: 32 })
  opName!: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  comment!: string;
}
