import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

/** Branch status, Apollo's numbering. */
export const BranchStatus = { ACTIVE: 0, DELETED: 1, MERGED: 2 } as const;

/**
 * Which clients get a branch's gray release: `rules` is JSON
 * `[{clientAppId, clientIpList, clientLabelList}]`. One live row per branch, replaced when the
 * rules change.
 */
@Entity({ name: 'gray_release_rule' })
@Index('ix_gray_release_rule_namespace', ['appId', 'clusterName', 'namespaceName'])
export class GrayReleaseRuleEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 64 })
  branchName!: string;

  @LargeTextColumn()
  rules!: string;

  /** The branch's newest gray release (0: none yet). */
  @Column({ type: 'int', default: 0 })
  releaseId!: number;

  /** The main release the branch's items were taken from: its changes are relative to this. */
  @Column({ type: 'int', default: 0 })
  baseReleaseId!: number;

  @Column({ type: 'int', default: 0 })
  branchStatus!: number;
}
