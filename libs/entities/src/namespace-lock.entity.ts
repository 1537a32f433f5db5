import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who holds a namespace's edit lock (when the lock switch is on). One row per locked namespace,
 * deleted on release or discard, so the unique key makes taking the lock atomic.
 */
@Entity({ name: 'namespace_lock' })
@Index('uq_namespace_lock_namespace', ['namespaceId'], { unique: true })
export class NamespaceLockEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  namespaceId!: number;

  @Column({ type: 'varchar', length: 64 })
  holder!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
