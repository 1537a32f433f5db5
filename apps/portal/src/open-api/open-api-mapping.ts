/**
 * Apollo's Open API DTOs (apollo-openapi.yaml) from the admin-service's answers, and the
 * admin-service's request bodies from Apollo's. Plain functions. Requests are read the way Spring
 * reads them: fields the target does not know are ignored and null is "not given", so a body
 * that echoes a whole DTO back (ids, times, `appId` in a gray rule) is accepted.
 */
type Json = Record<string, unknown>;

const AUDIT_FIELDS = [
  'dataChangeCreatedBy',
  'dataChangeLastModifiedBy',
  'dataChangeCreatedTime',
  'dataChangeLastModifiedTime',
] as const;

/**
 * Apollo's portal writes times as `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (`2024-01-15T10:30:00.000+0000`)
 * and its Java Open API client parses exactly that pattern, which does not take ISO's `Z`.
 */
export function apolloTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString().replace(/Z$/, '+0000');
}

function auditOf(source: unknown): Json {
  const fields = pick(source, AUDIT_FIELDS);
  for (const name of ['dataChangeCreatedTime', 'dataChangeLastModifiedTime']) {
    if (name in fields) fields[name] = apolloTime(fields[name]);
  }
  return fields;
}

function pick(source: unknown, fields: readonly string[]): Json {
  const out: Json = {};
  if (!source || typeof source !== 'object') return out;
  for (const field of fields) {
    const value = (source as Json)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined).map(String) : [];
}

export function toOpenItem(item: unknown): Json {
  // Houston's items carry no Apollo item type: every value is a string (type 0).
  return { ...pick(item, ['key', 'value', 'comment']), type: 0, ...auditOf(item) };
}

export function toOpenNamespace(namespace: unknown, fillItemDetail = true): Json {
  const items = (namespace as { items?: unknown[] } | undefined)?.items ?? [];
  return {
    ...pick(namespace, ['appId', 'clusterName', 'namespaceName', 'comment', 'format', 'isPublic']),
    ...auditOf(namespace),
    items: fillItemDetail ? items.map(toOpenItem) : [],
  };
}

export function toOpenRelease(release: unknown): Json {
  return {
    ...pick(release, ['id', 'appId', 'clusterName', 'namespaceName', 'name', 'configurations', 'comment']),
    ...auditOf(release),
  };
}

export function toOpenApp(app: unknown): Json {
  return {
    ...pick(app, ['name', 'appId', 'orgId', 'orgName', 'ownerName', 'ownerEmail']),
    ...auditOf(app),
  };
}

export function toOpenCluster(cluster: unknown): Json {
  return {
    ...pick(cluster, ['id', 'name', 'appId', 'parentClusterId', 'comment']),
    ...auditOf(cluster),
  };
}

export function toOpenAppNamespace(appNamespace: unknown): Json {
  return {
    ...pick(appNamespace, ['name', 'appId', 'format', 'isPublic', 'comment']),
    appendNamespacePrefix: (appNamespace as Json | undefined)?.['appendNamespacePrefix'] ?? false,
    ...auditOf(appNamespace),
  };
}

export function toOpenLock(lock: unknown): Json {
  const given = (lock ?? {}) as Json;
  return {
    namespaceName: given['namespaceName'],
    isLocked: given['isLocked'] === true,
    ...(typeof given['lockedBy'] === 'string' ? { lockedBy: given['lockedBy'] } : {}),
    isEmergencyPublishAllowed: false,
  };
}

/** The admin-service's branch (with its rules) as Apollo's gray rule DTO. */
export function toOpenGrayRule(branch: unknown): Json {
  const given = (branch ?? {}) as Json;
  return {
    ...pick(given, ['appId', 'clusterName', 'namespaceName', 'branchName']),
    ruleItems: ((given['ruleItems'] as unknown[] | undefined) ?? []).map((rule) =>
      pick(rule, ['clientAppId', 'clientIpList', 'clientLabelList']),
    ),
  };
}

/** The admin-service's access key as Apollo's OpenAccessKeyDTO (`isEnabled` is `enabled` there). */
export function toOpenAccessKey(key: unknown): Json {
  const given = (key ?? {}) as Json;
  return {
    ...pick(given, ['id', 'appId', 'secret', 'mode']),
    enabled: given['isEnabled'] === true,
    ...auditOf(given),
  };
}

/** An instance page entry as Apollo's OpenInstanceDTO; `release` is the release its key names, when known. */
export function toOpenInstance(instance: unknown, release: unknown): Json {
  const given = (instance ?? {}) as Json;
  const config = (given['config'] ?? {}) as Json;
  return {
    ...pick(given, ['appId', 'clusterName', 'dataCenter', 'ip']),
    configs: [
      {
        ...(release === undefined ? {} : { release: toOpenRelease(release) }),
        releaseDeliveryTime: apolloTime(config['releaseDeliveryTime']),
        dataChangeLastModifiedTime: apolloTime(config['dataChangeLastModifiedTime']),
      },
    ],
  };
}

/** The admin-service's release comparison (added, modified, deleted) as Apollo's OpenReleaseDiffDTO. */
export function toOpenReleaseDiff(diff: unknown): Json {
  const given = (diff ?? {}) as {
    added?: Array<{ key: string; value: string }>;
    modified?: Array<{ key: string; oldValue: string; newValue: string }>;
    deleted?: Array<{ key: string; value: string }>;
  };
  return {
    changes: [
      ...(given.added ?? []).map(({ key, value }) => ({ changeType: 'ADDED', key, newValue: value })),
      ...(given.modified ?? []).map(({ key, oldValue, newValue }) => ({
        changeType: 'MODIFIED',
        key,
        oldValue,
        newValue,
      })),
      ...(given.deleted ?? []).map(({ key, value }) => ({ changeType: 'DELETED', key, oldValue: value })),
    ],
  };
}

/** Body of an item create or update for the admin-service, from Apollo's OpenItemDTO. */
export function adminItemBody(item: unknown, withKey: boolean): Json {
  const given = (item ?? {}) as Json;
  const comment = text(given['comment']);
  return {
    ...(withKey ? { key: text(given['key']) } : {}),
    value: text(given['value']) ?? '',
    ...(comment === undefined ? {} : { comment }),
  };
}

/**
 * The rule items of Apollo's OpenGrayReleaseRuleDTO, as the admin-service takes them. The DTO's
 * own `appId`, `clusterName`, `namespaceName`, `branchName` and audit fields come from the path
 * (Apollo overwrites them the same way), so they are dropped, whatever they say.
 */
export function adminGrayRuleItems(rules: unknown): Json[] {
  const items = (rules as Json | undefined)?.['ruleItems'];
  if (!Array.isArray(items)) return [];
  return items
    .filter((rule) => rule && typeof rule === 'object')
    .map((rule) => {
      const given = rule as Json;
      return {
        clientAppId: text(given['clientAppId']) ?? '',
        clientIpList: texts(given['clientIpList']),
        clientLabelList: texts(given['clientLabelList']),
      };
    });
}

/** Body of a release (or merge) for the admin-service, from Apollo's NamespaceReleaseDTO. */
export function adminReleaseBody(release: unknown): Json {
  const given = (release ?? {}) as Json;
  const title = text(given['releaseTitle']);
  const comment = text(given['releaseComment']);
  return {
    ...(title === undefined ? {} : { releaseTitle: title }),
    ...(comment === undefined ? {} : { releaseComment: comment }),
    ...(given['isEmergencyPublish'] === true ? { isEmergencyPublish: true } : {}),
  };
}

/** A page of items, as Apollo's OpenItemPageDTO. */
export function itemPage(items: unknown[], page: number, size: number): Json {
  return {
    page,
    size,
    total: items.length,
    content: items.slice(page * size, page * size + size).map(toOpenItem),
  };
}
