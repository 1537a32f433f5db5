import {
  DomainError,
  formatOfNamespaceName,
  isNamespaceFormat,
  itemsFromText,
  itemsToText,
  SECRET_MASK,
  validateGrayRules,
  type GrayRuleItem,
  type NamespaceFormat,
} from '@houston/domain';
import { parseLayoutPath, type ExportedItem } from './apollo-zip-layout';
import type { ZipEntry } from './bounded-unzip';

/** What an archive asks to import, read and checked before anything is written. */
export interface ImportRequest {
  /** Namespace definitions by name. */
  appNamespaces: Map<
    string,
    { format: NamespaceFormat; isPublic: boolean; isSecret?: boolean; comment: string }
  >;
  /** Clusters per target environment. */
  clusters: Map<string, Set<string>>;
  namespaces: NamespaceFile[];
  /**
   * Items whose value in the archive is a secret's mask (`******`, as older exports wrote them):
   * not imported, so that the mask never becomes a value; the target keeps what it has.
   */
  secretsNotImported: Array<{ env: string; cluster: string; namespace: string; key: string }>;
  /** The app as `app.metadata` has it: made in a target environment that lacks it. */
  app?: AppMetadata;
  /** Gray branches, each of a namespace the archive also holds. */
  branches: BranchFile[];
}

export interface AppMetadata {
  name: string;
  orgId: string;
  orgName: string;
}

export interface BranchFile extends NamespaceFile {
  ruleItems: GrayRuleItem[];
}

export interface NamespaceFile {
  env: string;
  cluster: string;
  namespace: string;
  format: NamespaceFormat;
  /** The namespace's text as the archive has it (properties with its comment lines). */
  configText: string;
  /** Its keyed items. */
  values: Map<string, string>;
}

/**
 * Reads the entries of an archive in Apollo's layout for one app. Every entry must be part of
 * the layout and of this app, every JSON file well formed and every item valid, or the whole
 * archive is refused (400) naming the entry. `targetEnv` sends every namespace to that
 * environment (an archive exported from one environment, imported into another); without it,
 * each goes to the environment of its folder, which must be one of `knownEnvs`.
 */
export function readImport(
  entries: ZipEntry[],
  appId: string,
  knownEnvs: readonly string[],
  targetEnv?: string,
): ImportRequest {
  const request: ImportRequest = {
    appNamespaces: new Map(),
    clusters: new Map(),
    namespaces: [],
    branches: [],
    secretsNotImported: [],
  };
  const folders = new Set<string>();
  const bad = (path: string, reason: string) =>
    new DomainError('VALIDATION_FAILED', `${path}: ${reason}`, { entry: path });
  const pending: Array<{
    path: string;
    env: string;
    cluster: string;
    namespace: string;
    rows: ExportedItem[];
    ruleItems?: GrayRuleItem[];
  }> = [];
  for (const { path, data } of entries) {
    const entry = parseLayoutPath(path);
    if (entry.kind === 'unknown') throw bad(path, entry.reason);
    if (entry.appId !== appId) throw bad(path, `belongs to app ${entry.appId}, not ${appId}`);
    const body = parseJson(path, data);
    if (entry.kind === 'app') {
      request.app = appMetadataOf(path, body);
      continue;
    }
    if (entry.kind === 'app-namespace') {
      const d = body as { format?: unknown; isPublic?: unknown; isSecret?: unknown; comment?: unknown };
      const format = typeof d.format === 'string' ? d.format : formatOfNamespaceName(entry.namespace);
      if (!isNamespaceFormat(format)) throw bad(path, `unknown format ${String(d.format)}`);
      request.appNamespaces.set(entry.namespace, {
        format,
        isPublic: d.isPublic === true,
        ...(d.isSecret === true ? { isSecret: true } : {}),
        comment: typeof d.comment === 'string' ? d.comment.slice(0, 256) : '',
      });
      continue;
    }
    folders.add(entry.env);
    const env = targetEnv ?? entry.env.toUpperCase();
    if (!knownEnvs.includes(env)) throw bad(path, `the portal manages no environment ${entry.env}`);
    const clusters = request.clusters.get(env) ?? new Set<string>();
    request.clusters.set(env, clusters.add(entry.cluster));
    if (entry.kind === 'cluster') continue;
    let ruleItems: GrayRuleItem[] | undefined;
    let list: unknown = body;
    if (entry.kind === 'branch') {
      const b = (body ?? {}) as { ruleItems?: unknown; items?: unknown };
      try {
        ruleItems = validateGrayRules(b.ruleItems ?? []);
      } catch (error) {
        throw bad(path, error instanceof Error ? error.message : String(error));
      }
      list = b.items;
    }
    if (!Array.isArray(list)) throw bad(path, 'expected a JSON array of items');
    const rows = list.map((row: unknown, i): ExportedItem => {
      const r = row as Partial<ExportedItem> | null;
      if (
        !r ||
        typeof r !== 'object' ||
        typeof (r.key ?? '') !== 'string' ||
        typeof (r.value ?? '') !== 'string'
      ) {
        throw bad(path, `item ${i} is not {key, value, comment, lineNum}`);
      }
      return {
        key: r.key ?? '',
        value: r.value ?? '',
        comment: typeof r.comment === 'string' ? r.comment : '',
        lineNum: typeof r.lineNum === 'number' ? r.lineNum : i + 1,
      };
    });
    pending.push({ path, env, cluster: entry.cluster, namespace: entry.namespace, rows, ruleItems });
  }
  if (targetEnv !== undefined && folders.size > 1) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `the archive holds several environments (${[...folders].join(', ')}); import it without env= or export one environment`,
    );
  }
  for (const { path, env, cluster, namespace, rows: all, ruleItems } of pending) {
    const format = request.appNamespaces.get(namespace)?.format ?? formatOfNamespaceName(namespace);
    const masked = all.filter((row) => row.key !== '' && row.value === SECRET_MASK);
    for (const row of masked) request.secretsNotImported.push({ env, cluster, namespace, key: row.key });
    const rows = all.filter((row) => !masked.includes(row));
    // A document whose whole content was masked has nothing to import.
    if (format !== 'properties' && masked.length > 0) continue;
    let configText: string;
    try {
      // Back to text and read again: the same checks (key and value limits, duplicates) as an edit.
      configText =
        format === 'properties'
          ? itemsToText(
              'properties',
              [...rows].sort((a, b) => a.lineNum - b.lineNum),
            )
          : (rows.find((row) => row.key === 'content')?.value ?? '');
      itemsFromText(format, configText);
    } catch (error) {
      throw bad(path, error instanceof Error ? error.message : String(error));
    }
    const values = new Map(rows.filter((row) => row.key !== '').map((row) => [row.key, row.value]));
    if (ruleItems) request.branches.push({ env, cluster, namespace, format, configText, values, ruleItems });
    else request.namespaces.push({ env, cluster, namespace, format, configText, values });
  }
  for (const branch of request.branches) {
    const main = request.namespaces.some(
      (n) => n.env === branch.env && n.cluster === branch.cluster && n.namespace === branch.namespace,
    );
    if (!main) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `the gray branch of ${branch.env}/${branch.cluster}/${branch.namespace} comes without its namespace's file`,
        { env: branch.env, cluster: branch.cluster, namespace: branch.namespace },
      );
    }
  }
  if (request.namespaces.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'the archive holds no namespace of ' + appId);
  const byAddress = (a: NamespaceFile, b: NamespaceFile) =>
    `${a.env}/${a.cluster}/${a.namespace}`.localeCompare(`${b.env}/${b.cluster}/${b.namespace}`);
  request.namespaces.sort(byAddress);
  request.branches.sort(byAddress);
  return request;
}

function appMetadataOf(path: string, body: unknown): AppMetadata {
  const app = (body ?? {}) as Record<string, unknown>;
  const text = (field: string, max: number) => {
    const value = app[field] ?? '';
    if (typeof value !== 'string' || value.length > max) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${path}: ${field} must be text of at most ${max} characters`,
        {
          entry: path,
        },
      );
    }
    return value;
  };
  return {
    name: text('name', 128),
    orgId: text('orgId', 64),
    orgName: text('orgName', 128),
  };
}

function parseJson(path: string, data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', `${path}: not UTF-8 JSON (${(error as Error).message})`, {
      entry: path,
    });
  }
}
