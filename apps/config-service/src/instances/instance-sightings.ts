import { MAX_INSTANCE_LABEL_LENGTH } from '@houston/persistence';
import { NO_APP_ID_PLACEHOLDER } from '../configs/config-assembler';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import type { InstanceTracker } from './instance-tracker';

/** Turns a served read into sightings: one per release the client got (its own, a public owner's). */
export class InstanceSightings {
  constructor(private readonly tracker: InstanceTracker) {}

  sawRead(
    client: { appId: string; cluster: string; label?: string },
    dataCenter: string | undefined,
    ip: string,
    releases: readonly ReleaseSnapshot[],
  ): void {
    // Clients without an app id read public namespaces only; they are not instances of any app.
    if (client.appId === NO_APP_ID_PLACEHOLDER || !ip) return;
    const seenAt = new Date();
    const label = recordedLabel(client.label);
    for (const release of releases) {
      this.tracker.record({
        appId: client.appId,
        clusterName: client.cluster,
        dataCenter: dataCenter ?? '',
        ip: ip.slice(0, 64),
        label,
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

/**
 * The label recorded for a read: '' for none, and '' for one longer than a gray rule may name. Cut
 * short, such a label would be offered as a rule's label that matches other clients (the ones
 * whose label is the cut one) and never this one; unrecorded, the instance is still listed by IP.
 */
export function recordedLabel(label: string | undefined): string {
  return label && label.length <= MAX_INSTANCE_LABEL_LENGTH ? label : '';
}
