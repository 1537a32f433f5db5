import { isUniqueViolation } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalRecentAppEntity } from '../persistence/portal-entities';

/** How many recently visited apps the portal keeps per person: the home page shows them all. */
export const RECENT_APPS_KEPT = 10;

/** Each person's recently visited apps in the portal database, at most `RECENT_APPS_KEPT`. */
@Injectable()
export class RecentAppsStore {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  /** Latest visit first. */
  listOf(userId: number): Promise<PortalRecentAppEntity[]> {
    return this.database.manager
      .getRepository(PortalRecentAppEntity)
      .find({ where: { userId }, order: { id: 'DESC' }, take: RECENT_APPS_KEPT });
  }

  /**
   * Records a visit: the app's row is made again (the newest id), and the person's rows beyond the
   * newest `RECENT_APPS_KEPT` go, in one transaction. A visit of the same app recorded at the same
   * moment by another tab wins; this one changes nothing then.
   */
  async visit(userId: number, appId: string): Promise<void> {
    try {
      await this.database.transaction(async (manager) => {
        const rows = manager.getRepository(PortalRecentAppEntity);
        await rows.delete({ userId, appId });
        await rows.insert({ userId, appId });
        const older = await rows.find({
          select: { id: true },
          where: { userId },
          order: { id: 'DESC' },
          skip: RECENT_APPS_KEPT,
          // MySQL takes no OFFSET without a LIMIT; a person has at most one row over the limit.
          take: 1000,
        });
        if (older.length > 0) await rows.delete(older.map((row) => row.id));
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
