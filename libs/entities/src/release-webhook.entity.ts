import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An HTTP hook of an app (or of one of its namespaces). A `validate` hook is called before every
 * release, with the old and new configuration and the diff, and can veto it; a `notify` hook is
 * told after the release committed, through a `webhook_delivery` row written with it. Calls are
 * signed with `secret`.
 */
@Entity({ name: 'release_webhook' })
@Index('ix_release_webhook_app_id', ['appId'])
export class ReleaseWebhookEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `validate` (asked before a release) or `notify` (told after it). */
  @Column({ type: 'varchar', length: 16, default: 'validate' })
  kind!: string;

  /** A notify hook's events, comma-separated (`release,rollback,…`); empty for validate hooks. */
  @Column({ type: 'varchar', length: 256, default: '' })
  events!: string;

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
