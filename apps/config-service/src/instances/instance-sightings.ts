import { NO_APP_ID_PLACEHOLDER } from '../configs/config-assembler';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import type { InstanceTracker } from './instance-tracker';

/** Turns a served read into sightings: one per release the client got (its own, a public owner's). */
export class InstanceSightings {
  constructor(private readonly tracker: InstanceTracker) {}

  sawRead(
    client: { appId: string; cluster: string },
    dataCenter: string | undefined,
    ip: string,
    releases: readonly ReleaseSnapshot[],
  ): void {
    // Clients without an app id read public namespaces only; they are not instances of any app.
    if (client.appId === NO_APP_ID_PLACEHOLDER || !ip) return;
    const seenAt = new Date();
    for (const release of releases) {
      this.tracker.record({
        appId: client.appId,
        clusterName: client.cluster,
        dataCenter: dataCenter ?? '',
        ip: ip.slice(0, 64),
        config: {
          appId: release.appId,
          clusterName: release.clusterName,
          namespaceName: release.namespaceName,
        },
        releaseKey: release.releaseKey,
        seenAt,
      });
    }
  }
}
