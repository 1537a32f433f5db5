import { compareConfigurations } from '@houston/domain';
import { TtlCache } from '../common/ttl-cache';
import type { ServedConfig } from './config-query.service';

/** A release a client may name as its baseline. */
export interface BaselineRelease {
  appId: string;
  namespaceName: string;
  configurations: Record<string, string>;
}

export interface IncrementalSyncSource {
  /** Whether the app answers with changes only (its `incrementalSync` switch). */
  incrementalSyncEnabled(appId: string): Promise<boolean>;
  /** A release by its key, abandoned ones included; null when there is none. */
  findRelease(releaseKey: string): Promise<BaselineRelease | null>;
}

export interface IncrementalSyncOptions {
  /** How long an app's switch is cached: turning it on or off takes effect within this time. */
  settingTtlMs: number;
  onError?: (error: unknown) => void;
}

/** Apollo caches diffs per (old key, new key): 1,000 of them. Baselines likewise. */
const MAX_CACHED = 1_000;

interface ConfigurationChange {
  key: string;
  newValue?: string;
  configurationChangeType: 'ADDED' | 'MODIFIED' | 'DELETED';
}

/**
 * Apollo 2.5's incremental sync for `/configs`: when the app has it switched on and the client's
 * `releaseKey` names an older release of the same namespace, the answer is the changes from that
 * release to the current one (`configSyncType: IncrementalSync`, no `configurations`). An
 * abandoned release still in the table is a valid baseline, as in Apollo. Anything else (no key,
 * an unknown key, a key of another app or namespace, a merged `a+b` key on either side, any
 * error) gets the ordinary full answer. Release keys never repeat, so a diff, once computed, is
 * right forever and is kept per (old key, new key).
 */
export class IncrementalSync {
  private readonly enabled: TtlCache<boolean>;
  private readonly baselines = new Map<string, BaselineRelease | null>();
  private readonly diffs = new Map<string, Buffer>();

  constructor(
    private readonly source: IncrementalSyncSource,
    private readonly options: IncrementalSyncOptions,
  ) {
    this.enabled = new TtlCache(options.settingTtlMs);
  }

  /**
   * The incremental body for a client that holds `clientReleaseKey` and is not current, or
   * undefined for the full answer. Synchronous when everything it needs is in memory.
   */
  answer(
    served: ServedConfig,
    clientReleaseKey: string | undefined,
  ): Buffer | undefined | Promise<Buffer | undefined> {
    if (!clientReleaseKey || clientReleaseKey === '-1' || clientReleaseKey === served.releaseKey)
      return undefined;
    if (clientReleaseKey.includes('+') || served.releases.length !== 1) return undefined;
    const enabled = this.enabled.peek(served.appId);
    if (enabled === false) return undefined;
    const cached = this.diffs.get(
      `${clientReleaseKey}\u0000${served.releaseKey}\u0000${served.namespaceName}`,
    );
    if (enabled && cached && this.baselines.has(clientReleaseKey)) return cached;
    return this.build(served, clientReleaseKey).catch((error: unknown) => {
      this.options.onError?.(error);
      return undefined;
    });
  }

  private async build(served: ServedConfig, clientReleaseKey: string): Promise<Buffer | undefined> {
    const enabled = await this.enabled.get(served.appId, () =>
      this.source.incrementalSyncEnabled(served.appId),
    );
    if (!enabled) return undefined;
    const own = served.releases[0]!;
    const baseline = await this.baseline(clientReleaseKey);
    if (!baseline || baseline.appId !== own.appId || baseline.namespaceName !== own.namespaceName)
      return undefined;
    const diffKey = `${clientReleaseKey}\u0000${served.releaseKey}\u0000${served.namespaceName}`;
    const known = this.diffs.get(diffKey);
    if (known) return known;
    const diff = compareConfigurations(baseline.configurations, served.configurations);
    const changes: ConfigurationChange[] = [
      ...diff.added.map(({ key, value }) => ({
        key,
        newValue: value,
        configurationChangeType: 'ADDED' as const,
      })),
      ...diff.modified.map(({ key, newValue }) => ({
        key,
        newValue,
        configurationChangeType: 'MODIFIED' as const,
      })),
      ...diff.deleted.map(({ key }) => ({ key, configurationChangeType: 'DELETED' as const })),
    ];
    const body = Buffer.from(
      JSON.stringify({
        appId: served.appId,
        cluster: served.cluster,
        namespaceName: served.namespaceName,
        releaseKey: served.releaseKey,
        configSyncType: 'IncrementalSync',
        configurationChanges: changes,
      }),
    );
    remember(this.diffs, diffKey, body);
    return body;
  }

  private async baseline(releaseKey: string): Promise<BaselineRelease | null> {
    if (this.baselines.has(releaseKey)) return this.baselines.get(releaseKey)!;
    const release = await this.source.findRelease(releaseKey);
    remember(this.baselines, releaseKey, release);
    return release;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
  map.set(key, value);
}
