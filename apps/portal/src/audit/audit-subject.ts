/**
 * What a state-changing portal request changes, for the audit log: a readable name of the entity
 * and, for configuration, the admin-service path that shows its state (read before and after the
 * change). Plain functions over the route template, its parameters and body.
 */
export interface AuditSubject {
  /** e.g. `item shop/default/application timeout`, `namespace shop/default/application`. */
  entity: string;
  /** Admin-service path (GET) whose answer is the entity's state; none: the answer is the after. */
  snapshot?: string;
}

const e = encodeURIComponent;

export function auditSubjectOf(
  route: string,
  method: string,
  params: Record<string, string | undefined>,
  body: unknown,
): AuditSubject {
  const { appId = '', cluster = '', namespace = '', branch, key } = params;
  const bodyKey =
    body && typeof body === 'object' && typeof (body as { key?: unknown }).key === 'string'
      ? (body as { key: string }).key
      : undefined;
  const namespaceOf = (clusterName: string) =>
    `/apps/${e(appId)}/clusters/${e(clusterName)}/namespaces/${e(namespace)}`;
  const name = (clusterName: string) => `${appId}/${clusterName}/${namespace}`;
  const itemKey = key ?? (method === 'POST' ? bodyKey : undefined);

  if (/\/branches\/:branch\/items(\/:key)?$/.test(route) && branch && itemKey !== undefined) {
    return {
      entity: `item ${name(branch)} ${itemKey}`,
      snapshot: `${namespaceOf(branch)}/items/${e(itemKey)}`,
    };
  }
  if (/\/namespaces\/:namespace\/items\/:key\/reveal$/.test(route) && key !== undefined) {
    // The item as everyone sees it (masked) is what is kept, never the revealed value.
    return {
      entity: `secret revealed ${name(cluster)} ${key}`,
      snapshot: `${namespaceOf(cluster)}/items/${e(key)}`,
    };
  }
  if (/\/namespaces\/:namespace\/items(\/:key)?$/.test(route)) {
    if (itemKey !== undefined) {
      return {
        entity: `item ${name(cluster)} ${itemKey}`,
        snapshot: `${namespaceOf(cluster)}/items/${e(itemKey)}`,
      };
    }
    return { entity: `items ${name(cluster)}`, snapshot: `${namespaceOf(cluster)}/items` };
  }
  if (/\/namespaces\/:namespace\/revoke-items$/.test(route)) {
    return { entity: `items ${name(cluster)}`, snapshot: `${namespaceOf(cluster)}/items` };
  }
  if (
    /\/namespaces\/:namespace\/(releases|releases\/:releaseId\/rollback|review-requests\/:id\/approve|branches\/:branch\/merge)$/.test(
      route,
    )
  ) {
    return { entity: `release ${name(cluster)}`, snapshot: `${namespaceOf(cluster)}/releases/latest` };
  }
  if (/\/namespaces\/:namespace\/rollouts(\/:id\/[a-z]+)?$/.test(route)) {
    const { id } = params;
    if (id === undefined) return { entity: `rollout ${name(cluster)}` };
    return {
      entity: `rollout ${name(cluster)} ${id}`,
      snapshot: `${namespaceOf(cluster)}/rollouts/${e(id)}`,
    };
  }
  // Anything else: named by the route's last fixed segment and its parameters, no snapshot.
  const segments = route.split('/').filter((segment) => segment && !segment.startsWith(':'));
  const kind = segments[segments.length - 1] ?? route;
  const ids = Object.entries(params)
    .filter(([name]) => name !== 'env')
    .map(([, value]) => value)
    .filter(Boolean);
  return { entity: [kind, ids.join('/')].filter(Boolean).join(' ') };
}

/** Field names whose values the audit log never keeps (an access key's secret, shown once; credentials). */
const SECRET_FIELDS = new Set(['secret', 'password', 'newPassword', 'currentPassword', 'csrfToken', 'token']);

/**
 * A copy without secret fields, for storing as a before or after. Only the answer's own fields
 * (or those of a list's elements) are looked at: deeper down, e.g. in a release's
 * `configurations`, names are configuration keys, and a key called `password` is configuration.
 */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((element) => (Array.isArray(element) ? element : withoutSecrets(element)));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([field]) => !SECRET_FIELDS.has(field)),
  );
}

/** Longest before or after kept; a longer one is replaced by a note saying so. */
export const AUDIT_VALUE_MAX_CHARS = 65_535;

export function auditValueText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(withoutSecrets(value));
  return text.length <= AUDIT_VALUE_MAX_CHARS
    ? text
    : JSON.stringify({ truncated: true, length: text.length });
}
