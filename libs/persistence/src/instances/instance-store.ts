import type { NamespaceRef } from '../repositories/release.repository';

/** One client process reading one namespace: what config-service saw. */
export interface InstanceSighting {
  appId: string;
  clusterName: string;
  dataCenter: string;
  ip: string;
  /** `apollo.label` of the read ('' for none); part of the identity, like the IP. */
  label: string;
  /** The namespace the release came from (the app's own, or a public owner's). */
  config: NamespaceRef;
  releaseKey: string;
  seenAt: Date;
}

export interface InstanceConfigView {
  releaseKey: string;
  releaseDeliveredAt: Date;
  lastSeenAt: Date;
}

export interface InstanceView {
  appId: string;
  clusterName: string;
  dataCenter: string;
  ip: string;
  label: string;
  config: InstanceConfigView;
}

export interface InstancePage {
  content: InstanceView[];
  total: number;
}

export interface InstanceQuery {
  /** Only instances holding one of these release keys... */
  releaseKeys?: string[];
  /** ...or only those holding none of them. */
  excludeReleaseKeys?: string[];
  /** Only instances seen since then (older ones have gone away). */
  seenSince?: Date;
  page: number;
  size: number;
}

/**
 * Where client instances are recorded: the database by default, Redis when configured. Writes
 * come in batches from config-service; reads come from the admin API.
 */
export interface InstanceStore {
  readonly kind: 'database' | 'redis' | 'memory';
  record(sightings: InstanceSighting[]): Promise<void>;
  listByNamespace(config: NamespaceRef, query: InstanceQuery): Promise<InstancePage>;
  /** Forgets every instance of a namespace that was deleted (a new one of that name starts empty). */
  forgetNamespace(config: NamespaceRef): Promise<void>;
}

/** Release keys of merged answers are joined with `+`: an instance holds a release if any part is it. */
export function holdsAnyOf(releaseKey: string, keys: readonly string[]): boolean {
  return releaseKey.split('+').some((part) => keys.includes(part));
}

/** The longest label recorded: the gray rules' limit, so every recorded label can be named in a rule. */
export const MAX_INSTANCE_LABEL_LENGTH = 64;

type InstanceIdentity = Pick<InstanceSighting, 'appId' | 'clusterName' | 'dataCenter' | 'ip' | 'label'>;

/**
 * The key of one instance (a Redis member, a map key). An unlabelled instance keeps the key it had
 * before labels were recorded, so that Redis entries an older version wrote stay the same instance;
 * a labelled one is a JSON array (an app id never starts with `[`), so that a label or an IP holding
 * `|` cannot make two instances one and lend one the other's label.
 */
export function instanceKey(identity: InstanceIdentity): string {
  const { appId, clusterName, dataCenter, ip, label } = identity;
  return label
    ? JSON.stringify([appId, clusterName, dataCenter, ip, label])
    : `${appId}|${clusterName}|${dataCenter}|${ip}`;
}

/** The identity an `instanceKey` was made of. */
export function parseInstanceKey(key: string): InstanceIdentity {
  if (key.startsWith('[')) {
    const [appId = '', clusterName = '', dataCenter = '', ip = '', label = ''] = JSON.parse(key) as string[];
    return { appId, clusterName, dataCenter, ip, label };
  }
  // App ids and clusters are names without `|`; an IP as the client reported it may hold one.
  const [appId = '', clusterName = '', dataCenter = '', ...ip] = key.split('|');
  return { appId, clusterName, dataCenter, ip: ip.join('|'), label: '' };
}
