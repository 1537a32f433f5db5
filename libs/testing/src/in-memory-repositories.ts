import {
  AccessKeyEntity,
  AppEntity,
  AppNamespaceEntity,
  AuditEntity,
  BranchStatus,
  ClientReportEntity,
  ClusterEntity,
  CommitEntity,
  GrayReleaseRuleEntity,
  IdempotencyKeyEntity,
  ItemEntity,
  NamespaceEntity,
  NamespaceLockEntity,
  NamespaceSchemaEntity,
  ReleaseEntity,
  ReleaseHistoryEntity,
  ReleaseMessageEntity,
  ReleaseWebhookEntity,
  WebhookDeliveryEntity,
  RolloutEntity,
  RolloutEventEntity,
} from '@houston/entities';
import {
  holdsAnyOf,
  instanceKey,
  UniqueViolationError,
  type AgedTable,
  type AuditOperation,
  type InstancePage,
  type InstanceQuery,
  type InstanceSighting,
  type InstanceStore,
  type ItemInsert,
  type ItemRevision,
  type ItemRewrite,
  type ItemRow,
  type NamespaceRef,
  type NamespaceSchemaVersion,
  type NewReleaseWebhook,
  type NewWebhookDelivery,
  type DeliverySettlement,
  type RecordedRequest,
  type RepositoryPort,
  type RepositoryPorts,
  type ScannedReleaseMessage,
  type SecretTable,
  type UnitOfWork,
} from '@houston/persistence';

/**
 * Houston's repositories held in plain maps: the same ports the TypeORM repositories offer
 * (`RepositoryPorts`, `UnitOfWork`), with no file, socket or database, for the admin-service's
 * unit tier. The repository contract (`repository-contract.ts`) runs against these and against
 * the real database, so the two cannot drift apart unnoticed.
 *
 * What the databases do that use cases rely on is done here too: ids counted up per table, the
 * column defaults, soft deletion, the unique keys (a `UniqueViolationError`, which
 * `isUniqueViolation` recognises), item versions bumped by every write of an item row, and
 * transactions that are serialized, see only their own uncommitted writes and are undone when
 * their work throws. Names compare exactly, as on SQLite (MySQL's collation would ignore case).
 */

interface Row {
  id: number;
}

type TableName =
  | 'app'
  | 'appNamespace'
  | 'cluster'
  | 'namespace'
  | 'namespaceLock'
  | 'namespaceSchema'
  | 'item'
  | 'grayRule'
  | 'commit'
  | 'release'
  | 'releaseHistory'
  | 'releaseMessage'
  | 'releaseWebhook'
  | 'webhookDelivery'
  | 'audit'
  | 'idempotencyKey'
  | 'accessKey'
  | 'rollout'
  | 'rolloutEvent'
  | 'clientReport';

const TABLES: readonly TableName[] = [
  'app',
  'appNamespace',
  'cluster',
  'namespace',
  'namespaceLock',
  'namespaceSchema',
  'item',
  'grayRule',
  'commit',
  'release',
  'releaseHistory',
  'releaseMessage',
  'releaseWebhook',
  'webhookDelivery',
  'audit',
  'idempotencyKey',
  'accessKey',
  'rollout',
  'rolloutEvent',
  'clientReport',
];

/** The unique keys of the schema, as a key per row (undefined: the row is not constrained). */
const UNIQUE_KEYS: Partial<Record<TableName, { name: string; of: (row: never) => string | undefined }>> = {
  app: { name: 'uq_app_app_id', of: (row: AppEntity) => `${row.appId}|${row.deletedAt}` },
  appNamespace: {
    name: 'uq_app_namespace_app_name',
    of: (row: AppNamespaceEntity) => `${row.appId}|${row.name}|${row.deletedAt}`,
  },
  cluster: {
    name: 'uq_cluster_app_name',
    of: (row: ClusterEntity) => `${row.appId}|${row.name}|${row.deletedAt}`,
  },
  namespace: {
    name: 'uq_namespace_app_cluster_name',
    of: (row: NamespaceEntity) => `${row.appId}|${row.clusterName}|${row.namespaceName}|${row.deletedAt}`,
  },
  namespaceLock: {
    name: 'uq_namespace_lock_namespace',
    of: (row: NamespaceLockEntity) => `${row.namespaceId}`,
  },
  namespaceSchema: {
    name: 'uq_namespace_schema_version',
    of: (row: NamespaceSchemaEntity) => `${row.appId}|${row.namespaceName}|${row.version}`,
  },
  item: {
    name: 'uq_item_live_key',
    of: (row: ItemEntity) => (!row.isDeleted && row.key !== '' ? `${row.namespaceId}|${row.key}` : undefined),
  },
  release: { name: 'uq_release_key', of: (row: ReleaseEntity) => row.releaseKey },
  clientReport: {
    name: 'uq_client_report',
    of: (row: ClientReportEntity) =>
      `${row.appId}|${row.clusterName}|${row.dataCenter}|${row.ip}|${row.releaseKey}`,
  },
  idempotencyKey: {
    name: 'uq_idempotency_key_request_key',
    of: (row: IdempotencyKeyEntity) => row.requestKey,
  },
};

/** Ids are never handed out twice, also across a transaction that is undone (as auto-increment). */
type Counters = Record<TableName, { next: number }>;

/**
 * One state of every table. Rows are never changed in place: a write puts a new object, so a
 * transaction's copy of the maps shares the rows it did not touch and commits only those it did.
 */
class Tables {
  constructor(
    readonly rows: Record<TableName, Map<number, Row>>,
    readonly counters: Counters,
  ) {}

  static empty(): Tables {
    const rows = {} as Record<TableName, Map<number, Row>>;
    const counters = {} as Counters;
    for (const name of TABLES) {
      rows[name] = new Map();
      counters[name] = { next: 1 };
    }
    return new Tables(rows, counters);
  }

  copy(): Tables {
    const rows = {} as Record<TableName, Map<number, Row>>;
    for (const name of TABLES) rows[name] = new Map(this.rows[name]);
    return new Tables(rows, this.counters);
  }

  /** Applies to `this` what `changed` wrote since it was copied from `base`. */
  apply(base: Tables, changed: Tables): void {
    for (const name of TABLES) {
      const live = this.rows[name];
      for (const [id, row] of changed.rows[name]) if (base.rows[name].get(id) !== row) live.set(id, row);
      for (const id of base.rows[name].keys()) if (!changed.rows[name].has(id)) live.delete(id);
    }
  }
}

/** Table access for the repositories: copies in and out, defaults, unique keys. */
class Access {
  constructor(private readonly tables: Tables) {}

  all<T extends Row>(name: TableName): T[] {
    return [...this.tables.rows[name].values()].map((row) => copyOf(row as T));
  }

  where<T extends Row>(name: TableName, match: (row: T) => boolean): T[] {
    return (this.all(name) as T[]).filter(match).sort((a, b) => a.id - b.id);
  }

  get<T extends Row>(name: TableName, id: number): T | undefined {
    const row = this.tables.rows[name].get(id) as T | undefined;
    return row && copyOf(row);
  }

  insert<T extends Row>(name: TableName, row: T): T {
    const stored = copyOf(row);
    stored.id = this.tables.counters[name].next++;
    this.check(name, stored);
    this.tables.rows[name].set(stored.id, stored);
    return copyOf(stored);
  }

  /** Writes `changes` into each row matched; returns how many were. */
  update<T extends Row>(
    name: TableName,
    match: (row: T) => boolean,
    changes: (row: T) => Partial<T>,
  ): number {
    const matched = this.where<T>(name, match);
    for (const row of matched) {
      const next = copyOf(row);
      Object.assign(next, changes(row), stamp(name, row));
      this.check(name, next);
      this.tables.rows[name].set(next.id, next);
    }
    return matched.length;
  }

  delete<T extends Row>(name: TableName, match: (row: T) => boolean): number {
    const doomed = this.where<T>(name, match);
    for (const row of doomed) this.tables.rows[name].delete(row.id);
    return doomed.length;
  }

  private check(name: TableName, row: Row): void {
    const unique = UNIQUE_KEYS[name];
    if (!unique) return;
    const key = unique.of(row as never);
    if (key === undefined) return;
    for (const other of this.tables.rows[name].values()) {
      if (other.id !== row.id && unique.of(other as never) === key)
        throw new UniqueViolationError(unique.name);
    }
  }
}

/** What every write of a row changes besides the caller's columns. */
function stamp(name: TableName, row: Row): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if ('updatedAt' in row) changes['updatedAt'] = new Date();
  // TypeORM bumps a @VersionColumn on every UPDATE it builds, whatever the columns set.
  if (name === 'item') changes['version'] = (row as ItemEntity).version + 1;
  return changes;
}

function copyOf<T extends object>(row: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(row) as object) as T, row);
}

/** A new row as `repo.save(repo.create(row))` stores it: the entity's column defaults, then the row. */
function created<T extends object>(type: new () => T, defaults: Partial<T>, row: Partial<T>): T & Row {
  const now = new Date();
  const audited = {
    isDeleted: false,
    deletedAt: 0,
    createdBy: '',
    lastModifiedBy: '',
    createdAt: now,
    updatedAt: now,
  };
  return Object.assign(new type(), audited, defaults, withoutUndefined(row)) as unknown as T & Row;
}

function withoutUndefined<T extends object>(row: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Like TypeORM's create() for entities without the audited columns. */
function plain<T extends object>(type: new () => T, row: Partial<T>): T & Row {
  return Object.assign(new type(), withoutUndefined(row)) as unknown as T & Row;
}

function softDeleted(operator: string) {
  return { isDeleted: true, deletedAt: Date.now(), lastModifiedBy: operator };
}

const live = (row: { isDeleted: boolean }) => !row.isDeleted;
const sameRef = (ref: NamespaceRef) => (row: NamespaceRef) =>
  row.appId === ref.appId && row.clusterName === ref.clusterName && row.namespaceName === ref.namespaceName;
const newestFirst = <T extends Row>(rows: T[]) => rows.sort((a, b) => b.id - a.id);
const page = <T>(rows: T[], skip: number, take: number) => rows.slice(skip, skip + take);

function repositories(db: Access): RepositoryPorts {
  const apps: RepositoryPort<RepositoryPorts['apps']> = {
    findByAppId: async (appId) => db.where<AppEntity>('app', (r) => live(r) && r.appId === appId)[0] ?? null,
    findAppIdsIgnoringCase: async (appId) =>
      db
        .where<AppEntity>('app', (r) => live(r) && r.appId.toLowerCase() === appId.toLowerCase())
        .map((r) => r.appId),
    list: async (appIds) =>
      db
        .where<AppEntity>('app', (r) => live(r) && (!appIds || appIds.includes(r.appId)))
        .sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : 0)),
    insert: async (row) =>
      db.insert(
        'app',
        created(
          AppEntity,
          { orgId: '', orgName: '', ownerName: '', ownerEmail: '', incrementalSync: false },
          row,
        ),
      ),
    update: async (id, changes) =>
      void db.update<AppEntity>(
        'app',
        (r) => r.id === id,
        () => changes,
      ),
    softDelete: async (id, operator) =>
      void db.update<AppEntity>(
        'app',
        (r) => r.id === id,
        () => softDeleted(operator),
      ),
  };

  const appNamespaces: RepositoryPort<RepositoryPorts['appNamespaces']> = {
    findByAppAndName: async (appId, name) => {
      const rows = db.where<AppNamespaceEntity>('appNamespace', (r) => live(r) && r.appId === appId);
      return (
        rows.find((r) => r.name === name) ??
        rows.find((r) => r.name.toLowerCase() === name.toLowerCase()) ??
        null
      );
    },
    findPublicByName: async (name) =>
      db.where<AppNamespaceEntity>(
        'appNamespace',
        (r) => live(r) && r.isPublic && r.name.toLowerCase() === name.toLowerCase(),
      )[0] ?? null,
    listPublic: async (limit = 1000) =>
      db
        .where<AppNamespaceEntity>('appNamespace', (r) => live(r) && r.isPublic)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id))
        .slice(0, limit),
    listByApp: async (appId) =>
      db.where<AppNamespaceEntity>('appNamespace', (r) => live(r) && r.appId === appId),
    insert: async (row) =>
      db.insert(
        'appNamespace',
        created(
          AppNamespaceEntity,
          { format: 'properties', isPublic: false, isSecret: false, comment: '' },
          row,
        ),
      ),
    update: async (id, changes) =>
      void db.update<AppNamespaceEntity>(
        'appNamespace',
        (r) => r.id === id,
        () => changes,
      ),
    softDelete: async (id, operator) =>
      void db.update<AppNamespaceEntity>(
        'appNamespace',
        (r) => r.id === id,
        () => softDeleted(operator),
      ),
    softDeleteByApp: async (appId, operator) =>
      void db.update<AppNamespaceEntity>(
        'appNamespace',
        (r) => live(r) && r.appId === appId,
        () => softDeleted(operator),
      ),
  };

  const clusters: RepositoryPort<RepositoryPorts['clusters']> = {
    findById: async (id) => db.where<ClusterEntity>('cluster', (r) => live(r) && r.id === id)[0] ?? null,
    find: async (appId, name) =>
      db.where<ClusterEntity>('cluster', (r) => live(r) && r.appId === appId && r.name === name)[0] ?? null,
    listByApp: async (appId) =>
      db.where<ClusterEntity>('cluster', (r) => live(r) && r.appId === appId && r.parentClusterId === 0),
    listAllByApp: async (appId) => db.where<ClusterEntity>('cluster', (r) => live(r) && r.appId === appId),
    listChildren: async (parentClusterId) =>
      db.where<ClusterEntity>('cluster', (r) => live(r) && r.parentClusterId === parentClusterId),
    insert: async (row) =>
      db.insert('cluster', created(ClusterEntity, { parentClusterId: 0, comment: '' }, row)),
    softDelete: async (id, operator) =>
      void db.update<ClusterEntity>(
        'cluster',
        (r) => r.id === id,
        () => softDeleted(operator),
      ),
    softDeleteByApp: async (appId, operator) =>
      void db.update<ClusterEntity>(
        'cluster',
        (r) => live(r) && r.appId === appId,
        () => softDeleted(operator),
      ),
  };

  const inRealClusters = (namespaceName: string) =>
    db.where<NamespaceEntity>(
      'namespace',
      (r) =>
        live(r) &&
        r.namespaceName === namespaceName &&
        db.where<ClusterEntity>(
          'cluster',
          (c) => live(c) && c.appId === r.appId && c.name === r.clusterName && c.parentClusterId === 0,
        ).length > 0,
    );
  const namespaces: RepositoryPort<RepositoryPorts['namespaces']> = {
    find: async (appId, clusterName, namespaceName) =>
      db.where<NamespaceEntity>(
        'namespace',
        (r) => live(r) && sameRef({ appId, clusterName, namespaceName })(r),
      )[0] ?? null,
    listByCluster: async (appId, clusterName) =>
      db.where<NamespaceEntity>(
        'namespace',
        (r) => live(r) && r.appId === appId && r.clusterName === clusterName,
      ),
    listByName: async (appId, namespaceName) =>
      db.where<NamespaceEntity>(
        'namespace',
        (r) => live(r) && r.appId === appId && r.namespaceName === namespaceName,
      ),
    // Transactions are serialized (see InMemoryDatabase): holding the row is holding everything.
    lockForUpdate: async (id) => {
      const row = db.get<NamespaceEntity>('namespace', id);
      return row && live(row) ? row : null;
    },
    appsAssociating: async (namespaceName, ownerAppId) => [
      ...new Set(
        db
          .where<NamespaceEntity>(
            'namespace',
            (r) => live(r) && r.namespaceName === namespaceName && r.appId !== ownerAppId,
          )
          .map((r) => r.appId),
      ),
    ],
    listInRealClusters: async (namespaceName, pageNumber, size) =>
      page(inRealClusters(namespaceName), pageNumber * size, size),
    countAssociations: async (namespaceName, ownerAppId) =>
      inRealClusters(namespaceName).filter((r) => r.appId !== ownerAppId).length,
    insert: async (row) => db.insert('namespace', created(NamespaceEntity, {}, row)),
    softDelete: async (ids, operator) =>
      void db.update<NamespaceEntity>(
        'namespace',
        (r) => ids.includes(r.id),
        () => softDeleted(operator),
      ),
  };

  const namespaceLocks: RepositoryPort<RepositoryPorts['namespaceLocks']> = {
    find: async (namespaceId) =>
      db.where<NamespaceLockEntity>('namespaceLock', (r) => r.namespaceId === namespaceId)[0] ?? null,
    insert: async (namespaceId, holder) =>
      void db.insert(
        'namespaceLock',
        plain(NamespaceLockEntity, { namespaceId, holder, createdAt: new Date() }),
      ),
    delete: async (namespaceId) =>
      void db.delete<NamespaceLockEntity>('namespaceLock', (r) => r.namespaceId === namespaceId),
  };

  const schemaVersions = (appId: string, namespaceName: string) =>
    db
      .where<NamespaceSchemaEntity>(
        'namespaceSchema',
        (r) => r.appId === appId && r.namespaceName === namespaceName,
      )
      .sort((a, b) => b.version - a.version);
  const namespaceSchemas: RepositoryPort<RepositoryPorts['namespaceSchemas']> = {
    latest: async (appId, namespaceName) => schemaVersions(appId, namespaceName)[0] ?? null,
    history: async (appId, namespaceName) => schemaVersions(appId, namespaceName),
    append: async (version: NamespaceSchemaVersion) => {
      const latest = schemaVersions(version.appId, version.namespaceName)[0];
      return db.insert(
        'namespaceSchema',
        plain(NamespaceSchemaEntity, {
          ...version,
          version: (latest?.version ?? 0) + 1,
          createdAt: new Date(),
        }),
      );
    },
  };

  const liveItems = (namespaceId: number) =>
    db
      .where<ItemEntity>('item', (r) => live(r) && r.namespaceId === namespaceId)
      .sort((a, b) => a.lineNum - b.lineNum || a.id - b.id);
  const newItem = (row: Partial<ItemEntity>) =>
    created(ItemEntity, { key: '', type: 0, comment: '', lineNum: 0, version: 1 }, row);
  const ifVersion = (id: number, expectedVersion: number) => (r: ItemEntity) =>
    r.id === id && live(r) && r.version === expectedVersion;
  const items: RepositoryPort<RepositoryPorts['items']> = {
    listByNamespace: async (namespaceId) => liveItems(namespaceId),
    listForEdit: async (namespaceId): Promise<ItemRow[]> =>
      liveItems(namespaceId).map(({ id, key, value, comment, lineNum, version }) => ({
        id,
        key,
        value,
        comment,
        lineNum,
        version,
      })),
    findByKey: async (namespaceId, key) => liveItems(namespaceId).find((r) => r.key === key) ?? null,
    search: async (criteria) => {
      const mainNamespaces = new Map(
        db
          .where<NamespaceEntity>('namespace', live)
          .filter(
            (ns) =>
              db.where<ClusterEntity>(
                'cluster',
                (c) =>
                  live(c) && c.appId === ns.appId && c.name === ns.clusterName && c.parentClusterId === 0,
              ).length > 0,
          )
          .map((ns) => [ns.id, ns]),
      );
      const { keyPrefix, valueContains, secretPrefix } = criteria;
      return db
        .where<ItemEntity>(
          'item',
          (r) =>
            live(r) &&
            r.key !== '' &&
            mainNamespaces.has(r.namespaceId) &&
            (!keyPrefix || r.key.startsWith(keyPrefix)) &&
            (!valueContains || (r.value.includes(valueContains) && !r.value.startsWith(secretPrefix))),
        )
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
        .slice(0, criteria.limit)
        .map((r) => {
          const ns = mainNamespaces.get(r.namespaceId)!;
          return {
            appId: ns.appId,
            clusterName: ns.clusterName,
            namespaceName: ns.namespaceName,
            key: r.key,
            value: r.value,
          };
        });
    },
    countKeyed: async (namespaceId) => liveItems(namespaceId).filter((r) => r.key !== '').length,
    maxLineNum: async (namespaceId) => Math.max(0, ...liveItems(namespaceId).map((r) => r.lineNum)),
    insertBatch: async (rows: ItemInsert[]) => {
      for (const row of rows) db.insert('item', newItem(row));
    },
    rewriteBatch: async (rows: ItemRewrite[], operator) => {
      let written = 0;
      for (const row of rows) {
        written += db.update<ItemEntity>('item', ifVersion(row.id, row.expectedVersion), () => ({
          value: row.value,
          comment: row.comment,
          lineNum: row.lineNum,
          lastModifiedBy: operator,
        }));
      }
      return written;
    },
    softDeleteBatch: async (rows: ItemRevision[], operator) => {
      let deleted = 0;
      for (const row of rows) {
        deleted += db.update<ItemEntity>('item', ifVersion(row.id, row.expectedVersion), () =>
          softDeleted(operator),
        );
      }
      return deleted;
    },
    insertMany: async (rows) => rows.map((row) => db.insert('item', newItem(row))),
    updateIfVersion: async (id, expectedVersion, changes) =>
      db.update<ItemEntity>('item', ifVersion(id, expectedVersion), () => changes) === 1,
    softDeleteIfVersion: async (id, expectedVersion, operator) =>
      db.update<ItemEntity>('item', ifVersion(id, expectedVersion), () => softDeleted(operator)) === 1,
    softDeleteByNamespaces: async (namespaceIds, operator) =>
      void db.update<ItemEntity>(
        'item',
        (r) => live(r) && namespaceIds.includes(r.namespaceId),
        () => softDeleted(operator),
      ),
  };

  const grayRules: RepositoryPort<RepositoryPorts['grayRules']> = {
    listActive: async (ref) =>
      db.where<GrayReleaseRuleEntity>(
        'grayRule',
        (r) => live(r) && sameRef(ref)(r) && r.branchStatus === BranchStatus.ACTIVE,
      ),
    findByBranch: async (ref, branchName) =>
      newestFirst(
        db.where<GrayReleaseRuleEntity>(
          'grayRule',
          (r) => live(r) && sameRef(ref)(r) && r.branchName === branchName,
        ),
      )[0] ?? null,
    insert: async (row) =>
      db.insert(
        'grayRule',
        created(GrayReleaseRuleEntity, { releaseId: 0, baseReleaseId: 0, branchStatus: 0 }, row),
      ),
    update: async (id, changes) =>
      void db.update<GrayReleaseRuleEntity>(
        'grayRule',
        (r) => r.id === id,
        () => changes,
      ),
    softDelete: async (id, operator) =>
      void db.update<GrayReleaseRuleEntity>(
        'grayRule',
        (r) => r.id === id,
        () => softDeleted(operator),
      ),
  };

  const commitsOf = (appId: string, clusterName: string, namespaceName: string) =>
    db.where<CommitEntity>('commit', sameRef({ appId, clusterName, namespaceName }));
  const commits: RepositoryPort<RepositoryPorts['commits']> = {
    insert: async (row) => db.insert('commit', created(CommitEntity, { comment: '' }, row)),
    softDeleteByNamespace: async (ref, operator) =>
      void db.update<CommitEntity>(
        'commit',
        (r) => live(r) && sameRef(ref)(r),
        () => softDeleted(operator),
      ),
    listByNamespace: async (appId, clusterName, namespaceName, pageNumber, size) =>
      page(newestFirst(commitsOf(appId, clusterName, namespaceName).filter(live)), pageNumber * size, size),
    latestId: async (appId, clusterName, namespaceName) =>
      Math.max(0, ...commitsOf(appId, clusterName, namespaceName).map((r) => r.id)),
    authorsAfter: async (appId, clusterName, namespaceName, afterId) => [
      ...new Set(
        commitsOf(appId, clusterName, namespaceName)
          .filter((r) => r.id > afterId)
          .map((r) => r.createdBy),
      ),
    ],
  };

  const releasesOf = (ref: NamespaceRef) =>
    newestFirst(db.where<ReleaseEntity>('release', (r) => live(r) && sameRef(ref)(r)));
  const releases: RepositoryPort<RepositoryPorts['releases']> = {
    insert: async (row) =>
      db.insert('release', created(ReleaseEntity, { name: '', comment: '', isAbandoned: false }, row)),
    findById: async (id) => db.where<ReleaseEntity>('release', (r) => live(r) && r.id === id)[0] ?? null,
    findByIds: async (ids) => db.where<ReleaseEntity>('release', (r) => live(r) && ids.includes(r.id)),
    findByReleaseKey: async (releaseKey) =>
      db.where<ReleaseEntity>('release', (r) => live(r) && r.releaseKey === releaseKey)[0] ?? null,
    findLatestActive: async (ref) => releasesOf(ref).find((r) => !r.isAbandoned) ?? null,
    latestActiveIds: async (refs) =>
      refs.flatMap((ref) => {
        const latest = releasesOf(ref).find((r) => !r.isAbandoned);
        return latest ? [{ ...ref, id: latest.id }] : [];
      }),
    listActive: async (ref, limit, offset = 0) =>
      page(
        releasesOf(ref).filter((r) => !r.isAbandoned),
        offset,
        limit,
      ),
    listAll: async (ref, limit, offset = 0) => page(releasesOf(ref), offset, limit),
    activeWithSecretsOfApp: async (appId) =>
      db
        .where<NamespaceEntity>('namespace', (ns) => live(ns) && ns.appId === appId)
        .flatMap((ns) =>
          releasesOf(ns)
            .filter((r) => !r.isAbandoned)
            .slice(0, 1),
        )
        .filter((r) => r.configurations.includes('"hsec:v1:'))
        .sort((a, b) => a.id - b.id),
    releaseKeysEver: async (ref, limit) =>
      newestFirst(db.where<ReleaseEntity>('release', sameRef(ref)))
        .slice(0, limit)
        .map((r) => r.releaseKey),
    listActiveNewerThan: async (ref, releaseId) =>
      releasesOf(ref).filter((r) => !r.isAbandoned && r.id > releaseId),
    softDeleteByNamespace: async (ref, operator) =>
      void db.update<ReleaseEntity>(
        'release',
        (r) => live(r) && sameRef(ref)(r),
        () => softDeleted(operator),
      ),
    abandon: async (ids, operator) =>
      void db.update<ReleaseEntity>(
        'release',
        (r) => ids.includes(r.id),
        () => ({
          isAbandoned: true,
          lastModifiedBy: operator,
        }),
      ),
  };

  const historiesOf = (ref: NamespaceRef) =>
    newestFirst(db.where<ReleaseHistoryEntity>('releaseHistory', (r) => live(r) && sameRef(ref)(r)));
  const releaseHistories: RepositoryPort<RepositoryPorts['releaseHistories']> = {
    insert: async (row) =>
      db.insert(
        'releaseHistory',
        created(ReleaseHistoryEntity, { releaseId: 0, previousReleaseId: 0, operation: 0 }, row),
      ),
    softDeleteByNamespace: async (ref, operator) =>
      void db.update<ReleaseHistoryEntity>(
        'releaseHistory',
        (r) => live(r) && sameRef(ref)(r),
        () => softDeleted(operator),
      ),
    listByNamespace: async (ref, pageNumber, size) => {
      const rows = historiesOf(ref);
      return [page(rows, pageNumber * size, size), rows.length];
    },
    findLatest: async (ref, operation) =>
      historiesOf(ref).find(
        (r) => r.branchName === ref.clusterName && (operation === undefined || r.operation === operation),
      ) ?? null,
  };

  const scanned = (rows: ReleaseMessageEntity[]): ScannedReleaseMessage[] =>
    rows.map((r) => ({
      id: r.id,
      message: r.message,
      ageMs: Math.max(0, Date.now() - r.updatedAt.getTime()),
    }));
  const newestIds = (rows: ReleaseMessageEntity[]) => {
    const latest = new Map<string, number>();
    for (const row of rows) latest.set(row.message, Math.max(latest.get(row.message) ?? 0, row.id));
    return latest;
  };
  const releaseMessages: RepositoryPort<RepositoryPorts['releaseMessages']> = {
    insert: async (message) =>
      db.insert('releaseMessage', plain(ReleaseMessageEntity, { message, updatedAt: new Date() })).id,
    maxId: async () => Math.max(0, ...db.all<ReleaseMessageEntity>('releaseMessage').map((r) => r.id)),
    findAfter: async (afterId, limit) =>
      scanned(db.where<ReleaseMessageEntity>('releaseMessage', (r) => r.id > afterId).slice(0, limit)),
    findByIds: async (ids) =>
      scanned(db.where<ReleaseMessageEntity>('releaseMessage', (r) => ids.includes(r.id))),
    latestIds: async (messages) =>
      newestIds(db.where<ReleaseMessageEntity>('releaseMessage', (r) => messages.includes(r.message))),
    latestIdsOfAll: async () => newestIds(db.all<ReleaseMessageEntity>('releaseMessage')),
    deleteOlderThan: async (message, id) =>
      db.delete<ReleaseMessageEntity>('releaseMessage', (r) => r.message === message && r.id < id),
    pruneToNewestPerMessage: async () => {
      const keep = new Set(newestIds(db.all<ReleaseMessageEntity>('releaseMessage')).values());
      return db.delete<ReleaseMessageEntity>('releaseMessage', (r) => !keep.has(r.id));
    },
  };

  const releaseWebhooks: RepositoryPort<RepositoryPorts['releaseWebhooks']> = {
    list: async (appId, kind = 'validate') =>
      db.where<ReleaseWebhookEntity>('releaseWebhook', (r) => r.appId === appId && r.kind === kind),
    findById: async (id) => db.get<ReleaseWebhookEntity>('releaseWebhook', id) ?? null,
    forRelease: async (appId, namespaceName, kind = 'validate') =>
      db.where<ReleaseWebhookEntity>(
        'releaseWebhook',
        (r) =>
          r.appId === appId &&
          r.kind === kind &&
          (r.namespaceName === '' || r.namespaceName === namespaceName),
      ),
    insert: async (hook: NewReleaseWebhook) =>
      db.insert(
        'releaseWebhook',
        plain(ReleaseWebhookEntity, { kind: 'validate', events: '', ...hook, createdAt: new Date() }),
      ),
    delete: async (appId, id, kind = 'validate') =>
      db.delete<ReleaseWebhookEntity>(
        'releaseWebhook',
        (r) => r.appId === appId && r.id === id && r.kind === kind,
      ) > 0,
  };

  const webhookDeliveries: RepositoryPort<RepositoryPorts['webhookDeliveries']> = {
    insert: async (rows: NewWebhookDelivery[]) => {
      for (const row of rows) {
        const now = new Date();
        db.insert(
          'webhookDelivery',
          plain(WebhookDeliveryEntity, {
            ...row,
            status: 'pending',
            attempts: 0,
            leaseToken: '',
            leaseUntil: 0,
            lastStatus: 0,
            lastError: '',
            lastAttemptAt: 0,
            createdAt: now,
            updatedAt: now,
          }),
        );
      }
    },
    listDue: async (nowMs, limit, exceptWebhookIds = []) => {
      const lapsed = db
        .where<WebhookDeliveryEntity>(
          'webhookDelivery',
          (r) => r.status === 'delivering' && r.leaseUntil < nowMs,
        )
        .sort((a, b) => a.leaseUntil - b.leaseUntil || a.id - b.id);
      const pending = db
        .where<WebhookDeliveryEntity>(
          'webhookDelivery',
          (r) => r.status === 'pending' && r.nextAttemptAt <= nowMs,
        )
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
      return [...lapsed, ...pending].filter((r) => !exceptWebhookIds.includes(r.webhookId)).slice(0, limit);
    },
    claim: async (row, leaseToken, leaseUntil) => {
      const attempts = row.attempts + 1;
      const claimed = db.update<WebhookDeliveryEntity>(
        'webhookDelivery',
        (r) =>
          r.id === row.id &&
          r.status === row.status &&
          r.attempts === row.attempts &&
          r.leaseToken === row.leaseToken,
        () => ({ status: 'delivering', attempts, leaseToken, leaseUntil }),
      );
      return claimed === 1 ? { ...row, status: 'delivering', attempts, leaseToken, leaseUntil } : null;
    },
    settle: async (id, leaseToken, settlement: DeliverySettlement) =>
      db.update<WebhookDeliveryEntity>(
        'webhookDelivery',
        (r) => r.id === id && r.status === 'delivering' && r.leaseToken === leaseToken,
        () => ({
          status: settlement.status,
          lastStatus: settlement.lastStatus,
          lastError: settlement.lastError.slice(0, 512),
          lastAttemptAt: settlement.lastAttemptAt,
          leaseUntil: 0,
          ...(settlement.nextAttemptAt !== undefined ? { nextAttemptAt: settlement.nextAttemptAt } : {}),
        }),
      ) === 1,
    findById: async (appId, id) => {
      const row = db.get<WebhookDeliveryEntity>('webhookDelivery', id);
      return row && row.appId === appId ? row : null;
    },
    count: async (appId, filter) =>
      db.where<WebhookDeliveryEntity>(
        'webhookDelivery',
        (r) =>
          r.appId === appId &&
          (!filter.status || r.status === filter.status) &&
          (filter.webhookId === undefined || r.webhookId === filter.webhookId),
      ).length,
    list: async (appId, filter, limit) =>
      newestFirst(
        db.where<WebhookDeliveryEntity>(
          'webhookDelivery',
          (r) =>
            r.appId === appId &&
            (!filter.status || r.status === filter.status) &&
            (filter.webhookId === undefined || r.webhookId === filter.webhookId) &&
            (filter.beforeId === undefined || r.id < filter.beforeId),
        ),
      ).slice(0, limit),
    redeliver: async (appId, id, nowMs) =>
      db.update<WebhookDeliveryEntity>(
        'webhookDelivery',
        (r) => r.appId === appId && r.id === id && r.status === 'failed',
        () => ({ status: 'pending', attempts: 0, nextAttemptAt: nowMs, leaseToken: '', leaseUntil: 0 }),
      ) === 1,
    abandonForWebhook: async (webhookId, nowMs) =>
      void db.update<WebhookDeliveryEntity>(
        'webhookDelivery',
        (r) => r.webhookId === webhookId && r.status === 'pending',
        () => ({ status: 'failed', lastError: 'the webhook was deleted', lastAttemptAt: nowMs }),
      ),
  };

  const audits: RepositoryPort<RepositoryPorts['audits']> = {
    record: async (entityName, entityId, opName: AuditOperation, operator, comment = '') =>
      void db.insert(
        'audit',
        created(
          AuditEntity,
          {},
          { entityName, entityId, opName, createdBy: operator, lastModifiedBy: operator, comment },
        ),
      ),
    listByEntity: async (entityName, entityId) =>
      db.where<AuditEntity>('audit', (r) => r.entityName === entityName && r.entityId === entityId),
  };

  const idempotencyKeys: RepositoryPort<RepositoryPorts['idempotencyKeys']> = {
    findLive: async (requestKey, now) =>
      db.where<IdempotencyKeyEntity>(
        'idempotencyKey',
        (r) => r.requestKey === requestKey && r.expiresAt >= now,
      )[0] ?? null,
    insert: async (request: RecordedRequest, now) => {
      db.delete<IdempotencyKeyEntity>('idempotencyKey', (r) => r.expiresAt < now);
      db.insert('idempotencyKey', plain(IdempotencyKeyEntity, { ...request, createdAt: new Date() }));
    },
  };

  const accessKeys: RepositoryPort<RepositoryPorts['accessKeys']> = {
    listByApp: async (appId) => db.where<AccessKeyEntity>('accessKey', (r) => live(r) && r.appId === appId),
    enabledKeys: async (appId) =>
      db
        .where<AccessKeyEntity>('accessKey', (r) => live(r) && r.appId === appId && r.isEnabled)
        .map((r) => ({ secret: r.secret, mode: r.mode })),
    findById: async (appId, id) =>
      db.where<AccessKeyEntity>('accessKey', (r) => live(r) && r.appId === appId && r.id === id)[0] ?? null,
    // Transactions are serialized: holding the rows is holding everything.
    lockByApp: async (appId) => db.where<AccessKeyEntity>('accessKey', (r) => live(r) && r.appId === appId),
    lockEnabledModes: async (appId) =>
      db
        .where<AccessKeyEntity>('accessKey', (r) => live(r) && r.appId === appId && r.isEnabled)
        .map((r) => r.mode),
    insert: async (row) =>
      db.insert('accessKey', created(AccessKeyEntity, { isEnabled: false, mode: 0 }, row)),
    setEnabled: async (id, isEnabled, operator, mode) =>
      void db.update<AccessKeyEntity>(
        'accessKey',
        (r) => r.id === id,
        () => ({
          isEnabled,
          lastModifiedBy: operator,
          ...(mode === undefined ? {} : { mode }),
        }),
      ),
    softDelete: async (id, operator) =>
      void db.update<AccessKeyEntity>(
        'accessKey',
        (r) => r.id === id,
        () => softDeleted(operator),
      ),
  };

  const secretTable: Record<SecretTable, { table: TableName; column: string }> = {
    item: { table: 'item', column: 'value' },
    release: { table: 'release', column: 'configurations' },
    commit: { table: 'commit', column: 'changeSets' },
    webhook: { table: 'releaseWebhook', column: 'secret' },
  };
  const secretValues: RepositoryPort<RepositoryPorts['secretValues']> = {
    page: async (table, prefix, afterId, limit) => {
      const { table: name, column } = secretTable[table];
      return db
        .where<Row & Record<string, unknown>>(
          name,
          (r) => r.id > afterId && (prefix === undefined || String(r[column]).includes(prefix)),
        )
        .slice(0, limit)
        .map((r) => ({ id: r.id, text: String(r[column]) }));
    },
    rewrite: async (table, id, text) => {
      const { table: name, column } = secretTable[table];
      db.update<Row>(
        name,
        (r) => r.id === id,
        () => ({ [column]: text }),
      );
    },
  };

  const agedTable: Record<AgedTable | 'release', TableName> = {
    release_history: 'releaseHistory',
    audit: 'audit',
    commit: 'commit',
    webhook_delivery: 'webhookDelivery',
    release: 'release',
  };
  const retention: RepositoryPort<RepositoryPorts['retention']> = {
    namespacesOverReleaseLimit: async (keep, limit) => {
      const counts = new Map<string, { ref: NamespaceRef; count: number }>();
      for (const r of db.all<ReleaseEntity>('release')) {
        const key = `${r.appId}|${r.clusterName}|${r.namespaceName}`;
        const entry = counts.get(key) ?? {
          ref: { appId: r.appId, clusterName: r.clusterName, namespaceName: r.namespaceName },
          count: 0,
        };
        entry.count++;
        counts.set(key, entry);
      }
      return [...counts.values()]
        .filter((entry) => entry.count > keep)
        .slice(0, limit)
        .map((entry) => entry.ref);
    },
    releaseIdsNewestFirst: async (ref) =>
      newestFirst(db.where<ReleaseEntity>('release', sameRef(ref))).map((r) => r.id),
    grayBaseReleaseIds: async () =>
      new Set(
        db
          .where<GrayReleaseRuleEntity>('grayRule', (r) => live(r) && r.baseReleaseId !== 0)
          .map((r) => r.baseReleaseId),
      ),
    oldRowIds: async (table, before, limit) => {
      type Aged = Row & NamespaceRef & { createdAt: Date };
      const old = db.where<Aged>(agedTable[table], (r) => r.createdAt < before);
      if (table === 'webhook_delivery')
        return old
          .filter((r) => ['delivered', 'failed'].includes((r as unknown as WebhookDeliveryEntity).status))
          .slice(0, limit)
          .map((r) => r.id);
      if (table !== 'commit') return old.slice(0, limit).map((r) => r.id);
      const kept = old.filter((c) => {
        const same = sameRef(c);
        const newest = Math.max(0, ...db.where<Aged>('commit', same).map((n) => n.id));
        const lastRelease = Math.max(0, ...db.where<Aged>('release', same).map((r) => r.createdAt.getTime()));
        return c.id < newest && c.createdAt.getTime() < lastRelease;
      });
      return kept.slice(0, limit).map((r) => r.id);
    },
    delete: async (table, ids) => void db.delete<Row>(agedTable[table], (r) => ids.includes(r.id)),
  };

  const ACTIVE_ROLLOUT = ['running', 'paused'];
  const rollouts: RepositoryPort<RepositoryPorts['rollouts']> = {
    insert: async (row) =>
      db.insert(
        'rollout',
        plain(RolloutEntity, {
          stepIndex: 0,
          releaseTitle: '',
          releaseComment: '',
          grayReleaseId: 0,
          mergedReleaseId: 0,
          reason: '',
          version: 0,
          checkClaimedAt: 0,
          checkVerdict: '',
          checkedAt: 0,
          createdBy: '',
          createdAt: new Date(),
          updatedAt: new Date(),
          ...withoutUndefined(row),
        }),
      ),
    findById: async (id) => db.get<RolloutEntity>('rollout', id) ?? null,
    // Transactions are serialized: holding the row is holding everything.
    lockForUpdate: async (id) => db.get<RolloutEntity>('rollout', id) ?? null,
    findActive: async (ref) =>
      newestFirst(
        db.where<RolloutEntity>('rollout', (r) => sameRef(ref)(r) && ACTIVE_ROLLOUT.includes(r.status)),
      )[0] ?? null,
    findActiveByBranch: async (appId, branchName) =>
      db.where<RolloutEntity>(
        'rollout',
        (r) => r.appId === appId && r.branchName === branchName && ACTIVE_ROLLOUT.includes(r.status),
      )[0] ?? null,
    listByNamespace: async (ref, limit) =>
      newestFirst(db.where<RolloutEntity>('rollout', sameRef(ref))).slice(0, limit),
    listRunning: async (limit) =>
      db.where<RolloutEntity>('rollout', (r) => r.status === 'running').slice(0, limit),
    update: async (row, changes) => {
      const version = row.version + 1;
      db.update<RolloutEntity>(
        'rollout',
        (r) => r.id === row.id,
        () => ({ ...changes, version }),
      );
      return Object.assign(row, changes, { version });
    },
    addEvent: async (event) =>
      void db.insert(
        'rolloutEvent',
        plain(RolloutEventEntity, { ...event, detail: event.detail.slice(0, 1024), createdAt: new Date() }),
      ),
    listEvents: async (rolloutId) =>
      db.where<RolloutEventEntity>('rolloutEvent', (r) => r.rolloutId === rolloutId).slice(0, 1000),
    countByStatus: async () => {
      const counts: Record<string, number> = {};
      for (const row of db.where<RolloutEntity>('rollout', () => true))
        counts[row.status] = (counts[row.status] ?? 0) + 1;
      return counts;
    },
    claimCheck: async (id, now, staleBefore) => {
      const row = db.get<RolloutEntity>('rollout', id);
      if (!row || row.checkClaimedAt > staleBefore) return false;
      db.update<RolloutEntity>(
        'rollout',
        (r) => r.id === id,
        () => ({ checkClaimedAt: now }),
      );
      return true;
    },
    moveClaim: async (id, from, to) => {
      const row = db.get<RolloutEntity>('rollout', id);
      if (!row || row.checkClaimedAt !== from) return false;
      db.update<RolloutEntity>(
        'rollout',
        (r) => r.id === id,
        () => ({ checkClaimedAt: to }),
      );
      return true;
    },
    recordCheck: async (id, verdict, checkedAt) => {
      db.update<RolloutEntity>(
        'rollout',
        (r) => r.id === id,
        () => ({ checkVerdict: verdict.slice(0, 512), checkedAt }),
      );
    },
  };

  const FAILING = ['rejected', 'check_failed'];
  const failing = (releaseKeys: string[]) =>
    db.where<ClientReportEntity>(
      'clientReport',
      (r) => releaseKeys.includes(r.releaseKey) && FAILING.includes(r.status),
    );
  const clientReports: RepositoryPort<RepositoryPorts['clientReports']> = {
    upsertBatch: async (rows) => {
      for (const row of rows) {
        const same = (r: ClientReportEntity) =>
          r.appId === row.appId &&
          r.clusterName === row.clusterName &&
          r.dataCenter === row.dataCenter &&
          r.ip === row.ip &&
          r.releaseKey === row.releaseKey;
        const changes = {
          namespaceName: row.namespaceName,
          status: row.status,
          message: row.message,
          reportedAt: row.reportedAt,
        };
        if (db.update<ClientReportEntity>('clientReport', same, () => changes) === 0)
          db.insert('clientReport', plain(ClientReportEntity, row));
      }
    },
    listFailing: async (releaseKeys, limit) =>
      failing(releaseKeys)
        .sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime() || b.id - a.id)
        .slice(0, limit),
    countFailing: async (releaseKeys) => failing(releaseKeys).length,
    deleteOlderThan: async (before, batch) => {
      const old = db
        .where<ClientReportEntity>('clientReport', (r) => r.reportedAt < before)
        .map((r) => r.id)
        .sort((a, b) => a - b)
        .slice(0, batch);
      const dropped = new Set(old);
      return db.delete<ClientReportEntity>('clientReport', (r) => dropped.has(r.id));
    },
    deleteBeyond: async (maxRows, batch) => {
      const beyond = db
        .where<ClientReportEntity>('clientReport', () => true)
        .map((r) => r.id)
        .sort((a, b) => b - a)
        .slice(maxRows);
      const dropped = new Set(beyond.slice(-batch));
      return db.delete<ClientReportEntity>('clientReport', (r) => dropped.has(r.id));
    },
  };

  // Client instances are not kept here (see InMemoryInstanceStore): nothing to forget.
  const instanceConfigs: RepositoryPort<RepositoryPorts['instanceConfigs']> = {
    deleteByNamespace: async () => undefined,
  };

  return {
    rollouts,
    clientReports,
    instanceConfigs,
    accessKeys,
    apps,
    appNamespaces,
    clusters,
    namespaces,
    namespaceLocks,
    namespaceSchemas,
    items,
    grayRules,
    commits,
    releases,
    releaseHistories,
    releaseMessages,
    releaseWebhooks,
    webhookDeliveries,
    audits,
    idempotencyKeys,
    retention,
    secretValues,
  };
}

/**
 * The unit of work over the maps. Outside a transaction each call reads and writes the committed
 * state at once. A transaction works on its own copy, one at a time (as on SQLite); when its work
 * resolves, the rows it wrote are applied to the committed state, and when it throws, nothing is.
 */
export class InMemoryDatabase implements UnitOfWork {
  private readonly tables = Tables.empty();
  readonly repos = repositories(new Access(this.tables));
  private queue: Promise<unknown> = Promise.resolve();
  /** How many transactions committed and how many were undone (for tests of the unit of work). */
  readonly transactions = { committed: 0, rolledBack: 0 };

  transaction<T>(work: (repos: RepositoryPorts) => Promise<T>): Promise<T> {
    const run = async () => {
      const base = this.tables.copy();
      const own = base.copy();
      let result: T;
      try {
        result = await work(repositories(new Access(own)));
      } catch (error) {
        this.transactions.rolledBack++;
        throw error;
      }
      this.tables.apply(base, own);
      this.transactions.committed++;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Client instances as config-service records them, in a map (no database, no Redis). */
export class InMemoryInstanceStore implements InstanceStore {
  readonly kind = 'memory';
  private readonly held = new Map<
    string,
    { sighting: InstanceSighting; releaseKey: string; deliveredAt: Date; lastSeenAt: Date }
  >();

  async record(sightings: InstanceSighting[]): Promise<void> {
    for (const sighting of sightings) {
      const key = `${instanceKey(sighting)}|${sighting.config.appId}|${sighting.config.clusterName}|${sighting.config.namespaceName}`;
      const before = this.held.get(key);
      this.held.set(key, {
        sighting,
        releaseKey: sighting.releaseKey,
        deliveredAt:
          before && before.releaseKey === sighting.releaseKey ? before.deliveredAt : sighting.seenAt,
        lastSeenAt: sighting.seenAt,
      });
    }
  }

  async forgetNamespace(config: NamespaceRef): Promise<void> {
    for (const [key, { sighting }] of this.held) if (sameRef(config)(sighting.config)) this.held.delete(key);
  }

  async listByNamespace(config: NamespaceRef, query: InstanceQuery): Promise<InstancePage> {
    const rows = [...this.held.values()]
      .filter(({ sighting }) => sameRef(config)(sighting.config))
      .filter((row) => !query.seenSince || row.lastSeenAt >= query.seenSince)
      .filter((row) => !query.releaseKeys || holdsAnyOf(row.releaseKey, query.releaseKeys))
      .filter((row) => !query.excludeReleaseKeys || !holdsAnyOf(row.releaseKey, query.excludeReleaseKeys))
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
    return {
      total: rows.length,
      content: page(rows, query.page * query.size, query.size).map(
        ({ sighting, releaseKey, deliveredAt, lastSeenAt }) => ({
          appId: sighting.appId,
          clusterName: sighting.clusterName,
          dataCenter: sighting.dataCenter,
          ip: sighting.ip,
          label: sighting.label,
          config: { releaseKey, releaseDeliveredAt: deliveredAt, lastSeenAt },
        }),
      ),
    };
  }
}
