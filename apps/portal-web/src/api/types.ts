// The shapes the portal's API answers with (apps/portal/README.md), as far as the console reads them.

export interface User {
  username: string;
  displayName: string;
  email: string;
  isSuperAdmin: boolean;
  isEnabled: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: number;
}

export interface Environment {
  env: string;
  status: 'up' | 'unreachable';
  adminServices: number;
  reason?: string;
}

interface Audited {
  dataChangeCreatedBy: string;
  dataChangeLastModifiedBy: string;
  dataChangeCreatedTime: string;
  dataChangeLastModifiedTime: string;
}

export interface App extends Audited {
  appId: string;
  name: string;
  orgId: string;
  orgName: string;
  ownerName: string;
  ownerEmail: string;
}

/** An app the signed-in person marked (`GET /api/me/favourites`). */
export interface Favourite {
  appId: string;
  createdAt: string;
}

export interface Cluster extends Audited {
  name: string;
  appId: string;
  comment: string;
}

export type NamespaceFormat = 'properties' | 'xml' | 'json' | 'yml' | 'yaml' | 'txt';

export interface Item extends Audited {
  key: string;
  value: string;
  comment: string;
  lineNum: number;
  version: number;
  /** Stored encrypted; `value` is masked (`******`) unless revealed. */
  secret?: boolean;
}

export interface Namespace {
  appId: string;
  clusterName: string;
  namespaceName: string;
  comment: string;
  format: NamespaceFormat;
  isPublic: boolean;
  items: Item[];
  configText: string;
  revision: number;
}

export interface AppNamespace extends Audited {
  name: string;
  appId: string;
  format: NamespaceFormat;
  isPublic: boolean;
  comment: string;
}

export interface Release extends Audited {
  id: number;
  releaseKey: string;
  name: string;
  configurations: Record<string, string>;
  comment: string;
  isAbandoned: boolean;
}

export interface ReleaseHistory {
  id: number;
  branchName: string;
  releaseId: number;
  releaseKey: string;
  releaseTitle: string;
  previousReleaseId: number;
  operation: number;
  operationName: string;
  operationContext: Record<string, unknown>;
  dataChangeCreatedBy: string;
  dataChangeCreatedTime: string;
}

export interface Page<T> {
  content: T[];
  page: number;
  size: number;
  total: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface ConfigurationDiff {
  added: KeyValue[];
  modified: { key: string; oldValue: string; newValue: string }[];
  deleted: KeyValue[];
}

export interface UnreleasedChanges {
  baseReleaseId: number;
  hasChanges: boolean;
  changes: ConfigurationDiff;
}

/** One check a release must pass (the admin-service's dry run): what failed, by path. */
export interface ReleaseCheck {
  name: 'syntax' | 'schema' | 'webhook';
  passed: boolean;
  problems: Array<{ path: string; message: string }>;
  schemaVersion?: number;
}

export interface ReleaseDryRun extends UnreleasedChanges {
  wouldPublish: boolean;
  checks: ReleaseCheck[];
}

export interface CommitItem {
  key: string;
  value: string;
  comment: string;
  lineNum: number;
}

export interface Commit {
  id: number;
  changeSets: {
    createItems: CommitItem[];
    updateItems: { oldItem: CommitItem; newItem: CommitItem }[];
    deleteItems: CommitItem[];
  };
  comment: string;
  dataChangeCreatedBy: string;
  dataChangeCreatedTime: string;
}

export type RoleName =
  | 'Master'
  | 'ModifyNamespace'
  | 'ReleaseNamespace'
  | 'ModifyNamespacesInCluster'
  | 'ReleaseNamespacesInCluster'
  | 'RevealSecrets';

export interface Grant {
  role: RoleName;
  env: string;
  clusterName: string;
  namespaceName: string;
}

export interface MyPermissions {
  isSuperAdmin: boolean;
  isMaster: boolean;
  isMember: boolean;
  grants: Grant[];
}

export interface RoleGrant extends Grant {
  id: number;
  appId: string;
  username: string;
  createdBy: string;
}

export interface AuditEntry {
  id: number;
  username: string;
  method: string;
  route: string;
  path: string;
  env: string;
  appId: string;
  status: number;
  createdAt: string | number;
  action?: string;
  entity?: string;
  before?: unknown;
  after?: unknown;
  valuesHidden?: boolean;
}

export type ReviewStatus = 'PENDING' | 'PUBLISHED' | 'REJECTED' | 'STALE' | 'WITHDRAWN';

export interface ReviewRequest {
  id: number;
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  status: ReviewStatus;
  requestedBy: string;
  releaseTitle: string;
  releaseComment: string;
  baseReleaseId: number;
  changes: ConfigurationDiff;
  valuesHidden: boolean;
  reviewedBy: string;
  reviewComment: string;
  releaseId: number;
  createdAt: string;
  reviewedAt: string | null;
}

export interface ReviewBadge {
  toReview: number;
  mine: number;
}

export interface ReviewPolicy {
  required: boolean;
  appChoice: boolean | null;
  environmentDefault: boolean;
  emergencyPublishAllowed: boolean;
}

/** One key found by the global search (`GET /api/search/items`). */
export interface SearchHit {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  key: string;
  /** Absent where the user may not see the app's values in that environment. */
  value?: string;
  valueHidden: boolean;
  secret: boolean;
}

export interface SearchAnswer {
  items: SearchHit[];
  envs: Array<{ env: string; status: 'ok' | 'unreachable' | 'failed'; truncated: boolean; reason?: string }>;
}

/** What an import did (`POST /api/apps/{appId}/import`). */
export interface ImportReport {
  createdClusters: Array<{ env: string; cluster: string }>;
  createdAppNamespaces: Array<{ env: string; namespace: string }>;
  namespaces: Array<{
    env: string;
    cluster: string;
    namespace: string;
    status: 'imported' | 'skipped' | 'unchanged';
  }>;
}

/** What an Open API consumer may do: a whole app, or one namespace; every environment or one. */
export interface ConsumerGrant {
  id: number;
  appId: string;
  /** '' for the whole app. */
  namespaceName: string;
  /** '' for every environment. */
  env: string;
}

/** An Open API consumer (`GET /api/consumers`); its tokens are never listed. */
export interface Consumer {
  id: number;
  appId: string;
  name: string;
  orgId: string;
  orgName: string;
  ownerName: string;
  ownerEmail: string;
  rateLimit: number;
  allowCreateApplication: boolean;
  grants: ConsumerGrant[];
}

export type RolloutStatus = 'running' | 'paused' | 'completed' | 'rolled_back' | 'aborted';

export interface RolloutEvent {
  /** started, advanced, paused, resumed, gate_failed, rolled_back, aborted, completed */
  kind: string;
  stepIndex: number;
  operator: string;
  detail: string;
  at: string;
}

export interface RolloutHealth {
  instancesOnRelease: number;
  rejectedInstances: number;
  silentInstances: number;
  rejections: Array<{ appId: string; ip: string; status: string; message: string; reportedAt: string }>;
  /** The HTTP check's last verdict, as the rollout ticker recorded it. */
  check?: { healthy: boolean; reason: string; checkedAt: string };
}

/** A progressive rollout of a namespace (admin-service `RolloutDto`). */
export interface Rollout {
  id: number;
  branchName: string;
  status: RolloutStatus;
  stepIndex: number;
  percentage: number;
  steps: Array<{ percentage: number; bakeTimeMs: number }>;
  gates: {
    maxRejectedInstances: number;
    maxSilentInstances?: number;
    silentAfterMs: number;
    checkUrl?: string;
    checkTimeoutMs: number;
  };
  onFailure: 'rollback' | 'pause';
  stepStartedAt: string;
  nextStepAt?: string;
  releaseTitle: string;
  mergedReleaseId: number;
  reason: string;
  createdBy: string;
  createdAt: string;
  events?: RolloutEvent[];
  health?: RolloutHealth;
}
