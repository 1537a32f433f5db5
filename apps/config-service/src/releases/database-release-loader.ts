import { decryptConfigurations, messageKey, parseMessageKey, type MasterKeyRing } from '@houston/domain';
import type { Database } from '@houston/persistence';
import type { ReleaseLoader } from './release-cache';
import type { ReleaseSnapshot } from './release-snapshot';

export class DatabaseReleaseLoader implements ReleaseLoader {
  constructor(
    private readonly database: Database,
    /** Releases hold secret values encrypted; clients get them in clear, so they are decrypted here. */
    private readonly secretKeys?: MasterKeyRing,
  ) {}

  async load(appId: string, clusterName: string, namespaceName: string): Promise<ReleaseSnapshot | null> {
    const release = await this.database.repos.releases.findLatestActive({
      appId,
      clusterName,
      namespaceName,
    });
    if (!release) return null;
    return {
      id: release.id,
      releaseKey: release.releaseKey,
      appId: release.appId,
      clusterName: release.clusterName,
      namespaceName: release.namespaceName,
      configurations: Object.freeze(
        decryptConfigurations(JSON.parse(release.configurations) as Record<string, string>, this.secretKeys),
      ),
    };
  }

  /** The active release id of each `app+cluster+namespace` key (absent: none). */
  async activeIds(keys: string[]): Promise<Map<string, number>> {
    const refs = keys
      .map(parseMessageKey)
      .filter((ref) => ref !== null)
      .map((ref) => ({ appId: ref.appId, clusterName: ref.cluster, namespaceName: ref.namespace }));
    const ids = new Map<string, number>();
    for (let i = 0; i < refs.length; i += 200) {
      for (const row of await this.database.repos.releases.latestActiveIds(refs.slice(i, i + 200))) {
        ids.set(messageKey(row.appId, row.clusterName, row.namespaceName), row.id);
      }
    }
    return ids;
  }
}
