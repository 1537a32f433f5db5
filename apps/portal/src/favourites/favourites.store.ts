import { isUniqueViolation } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalFavouriteEntity } from '../persistence/portal-entities';

/** Each person's favourite apps in the portal database. */
@Injectable()
export class FavouritesStore {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  private get favourites() {
    return this.database.manager.getRepository(PortalFavouriteEntity);
  }

  /** Newest first. */
  listOf(userId: number): Promise<PortalFavouriteEntity[]> {
    return this.favourites.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  countOf(userId: number): Promise<number> {
    return this.favourites.countBy({ userId });
  }

  find(userId: number, appId: string): Promise<PortalFavouriteEntity | null> {
    return this.favourites.findOneBy({ userId, appId });
  }

  /** Adds the app; one already there (or added at the same moment by another tab) stays as it is. */
  async add(userId: number, appId: string): Promise<PortalFavouriteEntity> {
    try {
      await this.favourites.insert({ userId, appId });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return (await this.find(userId, appId))!;
  }

  async remove(userId: number, appId: string): Promise<void> {
    await this.favourites.delete({ userId, appId });
  }
}
