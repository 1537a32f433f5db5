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
  | 'ReleaseNamespacesInCluster';

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

export type ReviewStatus = 'PENDING' | 'PUBLISHED' | 'REJECTED' | 'STALE';

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
