import type { NamespaceRef } from '../repositories/release.repository';

/** One client process reading one namespace: what config-service saw. */
export interface InstanceSighting {
  appId: string;
  clusterName: string;
  dataCenter: string;
  ip: string;
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
}

/** Release keys of merged answers are joined with `+`: an instance holds a release if any part is it. */
export function holdsAnyOf(releaseKey: string, keys: readonly string[]): boolean {
  return releaseKey.split('+').some((part) => keys.includes(part));
}

export function instanceKey(
  sighting: Pick<InstanceSighting, 'appId' | 'clusterName' | 'dataCenter' | 'ip'>,
): string {
  return `${sighting.appId}|${sighting.clusterName}|${sighting.dataCenter}|${sighting.ip}`;
}
