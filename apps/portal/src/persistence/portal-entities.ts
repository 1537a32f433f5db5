import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { LargeTextColumn } from '@houston/entities';
import { epochMillis } from './epoch-millis';

/** A person who signs in to the portal with a local account. */
@Entity({ name: 'portal_user' })
@Index('uk_portal_user_username', ['username'], { unique: true })
export class PortalUserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Stored lower-case: sign-in names are matched without regard to case. */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  displayName!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  email!: string;

  /** `scrypt$N$r$p$salt$hash` (see password-hash.ts); never leaves the server. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ default: false })
  isSuperAdmin!: boolean;

  @Column({ default: true })
  isEnabled!: boolean;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * A signed-in browser. The id is the SHA-256 of the cookie's token, so the table alone does not
 * let anyone take over a session.
 */
@Entity({ name: 'portal_session' })
@Index('ix_portal_session_expires', ['expiresAt'])
@Index('ix_portal_session_user', ['userId'])
export class PortalSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'int' })
  userId!: number;

  /** Must come back in the X-CSRF-Token header of every state-changing request. */
  @Column({ type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ type: 'bigint', transformer: epochMillis })
  expiresAt!: number;

  @CreateDateColumn()
  createdAt!: Date;
}

/** Values the portal makes for itself and must keep across restarts (the cookie signing key). */
@Entity({ name: 'portal_setting' })
export class PortalSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 1024 })
  value!: string;
}

/**
 * One role a user holds (Apollo's role model). Scope columns are '' where the role does not
 * narrow by them: `CreateApplication` has none; `Master` an app; `ModifyNamespace` and
 * `ReleaseNamespace` an app and namespace, optionally one environment; the cluster roles an app,
 * an environment and a cluster.
 */
@Entity({ name: 'portal_role_grant' })
@Index('uk_portal_role_grant', ['userId', 'role', 'appId', 'env', 'clusterName', 'namespaceName'], {
  unique: true,
})
@Index('ix_portal_role_grant_app', ['appId'])
export class PortalRoleGrantEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 32 })
  role!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  appId!: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  env!: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/** One state-changing portal request: who, when, what, where, and how it ended. */
@Entity({ name: 'portal_audit' })
@Index('ix_portal_audit_created', ['createdAt'])
@Index('ix_portal_audit_user', ['username'])
@Index('ix_portal_audit_app', ['appId', 'env'])
export class PortalAuditEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  /** The route template (`/api/envs/:env/apps/:appId/...`), the same for every call of it. */
  @Column({ type: 'varchar', length: 255 })
  route!: string;

  @Column({ type: 'varchar', length: 1024 })
  path!: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  env!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  appId!: string;

  @Column({ type: 'int' })
  status!: number;

  /** What was changed, e.g. `item shop/default/application timeout` (see audit-subject.ts). */
  @Column({ type: 'varchar', length: 255, default: '' })
  entity!: string;

  /** The route's handler, e.g. `update`, `release`, `approve`. */
  @Column({ type: 'varchar', length: 64, default: '' })
  action!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * The state of an audited entity before and after the change (see audit-subject.ts), kept apart
 * from the audit row: JSON text, `null` when there was none or it could not be read; secrets left
 * out.
 */
@Entity({ name: 'portal_audit_change' })
export class PortalAuditChangeEntity {
  @PrimaryColumn({ type: 'int' })
  auditId!: number;

  @LargeTextColumn()
  beforeValue!: string;

  @LargeTextColumn()
  afterValue!: string;
}

/**
 * A release that waits for someone else's approval: what it would change (against the release
 * active when it was asked for) is kept, so the approver sees what they approve and a namespace
 * that changed since is caught (see review-rules.ts).
 */
@Entity({ name: 'portal_review_request' })
@Index('ix_portal_review_request_status', ['status', 'env', 'appId'])
@Index('ix_portal_review_request_requester', ['requestedBy', 'status'])
export class PortalReviewRequestEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  env!: string;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  /** PENDING, PUBLISHING (an approver's publish is under way), PUBLISHED, REJECTED, STALE or WITHDRAWN. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  releaseTitle!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  releaseComment!: string;

  /** The release active when the request was made (0: none yet). */
  @Column({ type: 'int' })
  baseReleaseId!: number;

  /** JSON `{added, modified, deleted}`: what publishing would change, as the admin-service said. */
  @LargeTextColumn()
  changes!: string;

  /**
   * The admin-service's fingerprint of the items reviewed: the approval publishes only if the
   * items still have it ('' for requests made before it was kept).
   */
  @Column({ type: 'varchar', length: 64, default: '' })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  reviewedBy!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  reviewComment!: string;

  /** The release the approval published (0: none). */
  @Column({ type: 'int', default: 0 })
  releaseId!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: 'bigint', transformer: epochMillis, default: 0 })
  reviewedAt!: number;
}

/** An app's own choice, per environment, of whether its releases need review (overrides the default). */
@Entity({ name: 'portal_review_policy' })
export class PortalReviewPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  appId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  env!: string;

  @Column()
  required!: boolean;

  @Column({ type: 'varchar', length: 64, default: '' })
  updatedBy!: string;
}

/**
 * A third-party system that calls Apollo's Open API with a token (Apollo's `Consumer`). Its
 * `appId` names the calling system, not an app it may touch: grants say that.
 */
@Entity({ name: 'portal_consumer' })
@Index('uk_portal_consumer_app', ['appId'], { unique: true })
export class PortalConsumerEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  orgId!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  orgName!: string;

  @Column({ type: 'varchar', length: 64 })
  ownerName!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  ownerEmail!: string;

  /** Requests per second for each of its tokens; 0 means unlimited (Apollo 2.4's `rateLimit`). */
  @Column({ type: 'int', default: 0 })
  rateLimit!: number;

  /** May create apps through `POST /openapi/v1/apps`. */
  @Column({ default: false })
  allowCreateApplication!: boolean;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/** A consumer's token. Only its SHA-256 is kept: the token itself is shown once, when it is made. */
@Entity({ name: 'portal_consumer_token' })
@Index('uk_portal_consumer_token_hash', ['tokenHash'], { unique: true })
@Index('ix_portal_consumer_token_consumer', ['consumerId'])
export class PortalConsumerTokenEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  consumerId!: number;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * What a consumer may do (Apollo's consumer roles): `namespaceName` '' is the whole app (Apollo's
 * app role: every namespace, clusters and namespaces created), otherwise modify and release of
 * that namespace; `env` '' is every environment, otherwise only that one.
 */
@Entity({ name: 'portal_consumer_grant' })
@Index('uk_portal_consumer_grant', ['consumerId', 'appId', 'namespaceName', 'env'], { unique: true })
export class PortalConsumerGrantEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  consumerId!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  env!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * A portal user's account at an OIDC issuer: the issuer and its `sub` claim, which never changes,
 * unlike the user-name claim. Found again at every OIDC sign-in.
 */
@Entity({ name: 'portal_identity' })
@Index('uk_portal_identity', ['issuer', 'subject'], { unique: true })
@Index('ix_portal_identity_user', ['userId'])
export class PortalIdentityEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  issuer!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'int' })
  userId!: number;

  @CreateDateColumn()
  createdAt!: Date;
}

/** An app a person marked as a favourite (Apollo's `Favorite`), shown first on their home page. */
@Entity({ name: 'portal_favourite' })
@Index('uk_portal_favourite', ['userId', 'appId'], { unique: true })
export class PortalFavouriteEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * An app a person opened lately, shown on their home page. A visit replaces the row (a new id),
 * so the highest ids are the latest visits; only the newest few per person are kept.
 */
@Entity({ name: 'portal_recent_app' })
@Index('uk_portal_recent_app', ['userId', 'appId'], { unique: true })
export class PortalRecentAppEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @CreateDateColumn()
  visitedAt!: Date;
}

export const PORTAL_ENTITIES = [
  PortalRecentAppEntity,
  PortalFavouriteEntity,
  PortalAuditChangeEntity,
  PortalReviewRequestEntity,
  PortalReviewPolicyEntity,
  PortalConsumerEntity,
  PortalConsumerTokenEntity,
  PortalConsumerGrantEntity,
  PortalAuditEntity,
  PortalIdentityEntity,
  PortalUserEntity,
  PortalSessionEntity,
  PortalSettingEntity,
  PortalRoleGrantEntity,
];
