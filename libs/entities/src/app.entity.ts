import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

@Entity({ name: 'app' })
@Index('uq_app_app_id', ['appId', 'deletedAt'], { unique: true })
export class AppEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  orgId!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  orgName!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  ownerName!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  ownerEmail!: string;
}
