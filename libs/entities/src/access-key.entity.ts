import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';

/**
 * A secret clients of an app sign requests with (Apollo's access key). The secret is stored as
 * is because verifying an HMAC needs it; it is shown once when created and never returned again.
 */
@Entity({ name: 'access_key' })
@Index('ix_access_key_app', ['appId'])
export class AccessKeyEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  secret!: string;

  @Column({ default: false })
  isEnabled!: boolean;

  /** Apollo's mode while enabled: 0 FILTER refuses unsigned requests, 1 OBSERVER only logs them. */
  @Column({ type: 'int', default: 0 })
  mode!: number;
}
