import { NotificationService, ReleaseMessageScanner } from '@houston/config-service';
import type { RunningServer } from '@houston/runtime';
import type { RunningHouston } from '../all-in-one';

/** How many long polls the all-in-one process's config-service holds right now. */
export function heldPolls(houston: RunningHouston): number {
  return heldPollsOn(houston.servers[0]!);
}

/** How many long polls a config-service started in this process holds right now. */
export function heldPollsOn(configService: RunningServer): number {
  return configService.app.get(NotificationService).registry.size;
}

/** A config-service's release-message scanner: where it has scanned to, the ids it looks for again. */
export function scannerOf(configService: RunningServer): ReleaseMessageScanner {
  return configService.app.get(ReleaseMessageScanner);
}
