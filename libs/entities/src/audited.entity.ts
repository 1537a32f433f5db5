import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { epochMillis } from './column-transformers';

/**
 * Columns every row carries: who created and last changed it, and when. Soft deletion follows
 * Apollo: `isDeleted` plus `deletedAt` (epoch ms, 0 while live) so that unique keys can include
 * `deletedAt` and a deleted name can be reused while its history stays.
 */
export abstract class AuditedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ default: false })
  isDeleted!: boolean;

  @Column({ type: 'bigint', default: 0, transformer: epochMillis })
  deletedAt!: number;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64, default: '' })
  lastModifiedBy!: string;

  @UpdateDateColumn()
  updatedAt!: Date;
}
