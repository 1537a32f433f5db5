import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The notification bus: every release inserts `app+cluster+namespace`; the auto-increment id is
 * the notification id clients send back. Config services poll this table every second. Old rows
 * of the same message are deleted, so there is no soft delete here.
 */
@Entity({ name: 'release_message' })
@Index('ix_release_message_message', ['message'])
export class ReleaseMessageEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 512 })
  message!: string;

  @UpdateDateColumn()
  updatedAt!: Date;
}
