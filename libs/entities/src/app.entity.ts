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

  /**
   * Answer `/configs` with only what changed since the client's release (Apollo 2.5's
   * IncrementalSync). Only apollo-java 2.4 and later understand it, so it is per app and off.
   */
  @Column({ default: false })
  incrementalSync!: boolean;
}
