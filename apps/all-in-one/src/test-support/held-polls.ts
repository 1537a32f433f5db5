import { NotificationService } from '@houston/config-service';
import type { RunningHouston } from '../all-in-one';

/** How many long polls the all-in-one process's config-service holds right now. */
export function heldPolls(houston: RunningHouston): number {
  return houston.servers[0]!.app.get(NotificationService).registry.size;
}
