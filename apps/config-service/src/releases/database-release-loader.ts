import type { Database } from '@houston/persistence';
import type { ReleaseLoader } from './release-cache';
import type { ReleaseSnapshot } from './release-snapshot';

export class DatabaseReleaseLoader implements ReleaseLoader {
  constructor(private readonly database: Database) {}

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
      configurations: Object.freeze(JSON.parse(release.configurations) as Record<string, string>),
    };
  }
}
