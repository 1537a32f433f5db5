import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An HTTP hook called before every release of an app (or of one of its namespaces), with the old
 * and new configuration and the diff; it can veto the release. Calls are signed with `secret`.
 */
@Entity({ name: 'release_webhook' })
@Index('ix_release_webhook_app_id', ['appId'])
export class ReleaseWebhookEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  /** Empty: every namespace of the app. */
  @Column({ type: 'varchar', length: 128, default: '' })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /**
   * The HMAC-SHA256 key the calls are signed with, encrypted under the secret master keys
   * (`hsec:v1:…`, as secret items are); never shown again after creation.
   */
  @Column({ type: 'varchar', length: 1024 })
  secret!: string;

  @Column({ type: 'int' })
  timeoutMs!: number;

  /** When the hook does not answer in time or answers an error: true lets the release go (fail-open). */
  @Column({ default: false })
  failOpen!: boolean;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
