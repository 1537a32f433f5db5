/**
 * Apollo 2.5's export layout (apollo-portal's ConfigFileUtils / ConfigsExportService):
 *
 *   {appId}+{namespace}.appnamespace.metadata            the namespace definition (JSON)
 *   {ownerName}/{appId}/app.metadata                      the app (JSON)
 *   {ownerName}/{appId}/{ENV}/{cluster}.cluster.metadata  a cluster (JSON)
 *   {ownerName}/{appId}/{ENV}/{appId}+{cluster}+{namespace}[.properties]
 *                                                         the namespace's items: a JSON array of
 *                                                         {key, value, comment, lineNum}; other
 *                                                         formats are one item keyed `content`
 *
 * A properties namespace's file name gets `.properties`; other namespaces' names already end in
 * their format (`db.yml`). Plain functions only.
 *
 * Apollo 2.5 exports no gray branch (its export lists the parent clusters only). Houston adds one
 * file per branch where Apollo 2.5's import skips it without a word (a file two folders deep that
 * is not `app.metadata`):
 *
 *   {ownerName}/{appId}/{ENV}+{cluster}+{namespace}.gray.metadata
 *                                                         the gray branch of that namespace (JSON:
 *                                                         its branchName, ruleItems and items)
 */

export const APP_METADATA = 'app.metadata';
export const CLUSTER_METADATA_SUFFIX = '.cluster.metadata';
export const APP_NAMESPACE_METADATA_SUFFIX = '.appnamespace.metadata';
export const GRAY_METADATA_SUFFIX = '.gray.metadata';

/** A gray branch as exported: its rules and its own items (the branch's whole text). */
export interface ExportedBranch {
  appId: string;
  env: string;
  clusterName: string;
  namespaceName: string;
  /** The branch's name where it was exported; an import makes a branch of its own name. */
  branchName: string;
  ruleItems: Array<{ clientAppId: string; clientIpList: string[]; clientLabelList: string[] }>;
  items: ExportedItem[];
}

export interface ExportedItem {
  key: string;
  value: string;
  comment: string;
  lineNum: number;
}

export type LayoutEntry =
  | { kind: 'app-namespace'; appId: string; namespace: string }
  | { kind: 'app'; ownerName: string; appId: string }
  | { kind: 'cluster'; ownerName: string; appId: string; env: string; cluster: string }
  | { kind: 'namespace'; ownerName: string; appId: string; env: string; cluster: string; namespace: string }
  | { kind: 'branch'; ownerName: string; appId: string; env: string; cluster: string; namespace: string };

export function appNamespacePath(appId: string, namespace: string): string {
  return `${appId}+${namespace}${APP_NAMESPACE_METADATA_SUFFIX}`;
}

export function appPath(ownerName: string, appId: string): string {
  return `${ownerName}/${appId}/${APP_METADATA}`;
}

export function clusterPath(ownerName: string, appId: string, env: string, cluster: string): string {
  return `${ownerName}/${appId}/${env}/${cluster}${CLUSTER_METADATA_SUFFIX}`;
}

export function namespaceFilePath(
  ownerName: string,
  appId: string,
  env: string,
  cluster: string,
  namespace: string,
  format: string,
): string {
  const suffix = format === 'properties' ? '.properties' : '';
  return `${ownerName}/${appId}/${env}/${appId}+${cluster}+${namespace}${suffix}`;
}

export function branchPath(
  ownerName: string,
  appId: string,
  env: string,
  cluster: string,
  namespace: string,
): string {
  return `${ownerName}/${appId}/${env}+${cluster}+${namespace}${GRAY_METADATA_SUFFIX}`;
}

/** What an entry of the archive is, or why it is none of the above. */
export function parseLayoutPath(path: string): LayoutEntry | { kind: 'unknown'; reason: string } {
  const parts = path.split('/');
  if (parts.length === 1) {
    const name = parts[0]!;
    if (!name.endsWith(APP_NAMESPACE_METADATA_SUFFIX))
      return { kind: 'unknown', reason: 'not an app namespace file' };
    const [appId, namespace, ...rest] = name.slice(0, -APP_NAMESPACE_METADATA_SUFFIX.length).split('+');
    if (!appId || !namespace || rest.length > 0)
      return { kind: 'unknown', reason: 'expected {appId}+{namespace}' };
    return { kind: 'app-namespace', appId, namespace };
  }
  if (parts.length === 3 && parts[2] === APP_METADATA) {
    return { kind: 'app', ownerName: parts[0]!, appId: parts[1]! };
  }
  if (parts.length === 3 && parts[2]!.endsWith(GRAY_METADATA_SUFFIX)) {
    const [env, cluster, namespace, ...rest] = parts[2]!.slice(0, -GRAY_METADATA_SUFFIX.length).split('+');
    if (!env || !cluster || !namespace || rest.length > 0)
      return { kind: 'unknown', reason: 'expected {ENV}+{cluster}+{namespace}.gray.metadata' };
    return { kind: 'branch', ownerName: parts[0]!, appId: parts[1]!, env, cluster, namespace };
  }
  if (parts.length === 4) {
    const [ownerName, appId, env, file] = parts as [string, string, string, string];
    if (file.endsWith(CLUSTER_METADATA_SUFFIX)) {
      return {
        kind: 'cluster',
        ownerName,
        appId,
        env,
        cluster: file.slice(0, -CLUSTER_METADATA_SUFFIX.length),
      };
    }
    const [fileAppId, cluster, name, ...rest] = file.split('+');
    if (!fileAppId || !cluster || !name || rest.length > 0) {
      return { kind: 'unknown', reason: 'expected {appId}+{cluster}+{namespace}' };
    }
    if (fileAppId !== appId)
      return { kind: 'unknown', reason: `the file names app ${fileAppId}, its folder ${appId}` };
    const namespace = name.endsWith('.properties') ? name.slice(0, -'.properties'.length) : name;
    return { kind: 'namespace', ownerName, appId, env, cluster, namespace };
  }
  return { kind: 'unknown', reason: 'not a path of the export layout' };
}
