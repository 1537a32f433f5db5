import { DomainError, validateAppId } from '@houston/domain';
import { Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { PortalFavouriteEntity } from '../persistence/portal-entities';
import { SignedIn } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { FavouritesStore } from './favourites.store';

/** How many favourites one person may keep: the home page shows them all. */
export const MAX_FAVOURITES = 200;

export class FavouriteDto {
  @ApiProperty({ example: 'shop' }) appId!: string;
  @ApiProperty({ description: 'When it was marked (ISO 8601)' }) createdAt!: string;
}

function view(favourite: PortalFavouriteEntity): FavouriteDto {
  return { appId: favourite.appId, createdAt: new Date(favourite.createdAt).toISOString() };
}

/**
 * The signed-in person's favourite apps (Apollo's favourites). Only one's own: there is no route
 * to read or change another person's. An app id is not checked against the environments (an app
 * may exist in some only); it must be a valid app id.
 */
@ApiTags('people')
@Controller('api/me/favourites')
export class FavouritesController {
  constructor(@Inject(FavouritesStore) private readonly favourites: FavouritesStore) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Your favourite apps, newest first' })
  @ApiOkResponse({ type: FavouriteDto, isArray: true })
  async list(@CurrentUser() signedIn: SignedInUser): Promise<FavouriteDto[]> {
    return (await this.favourites.listOf(signedIn.user.id)).map(view);
  }

  @Put(':appId')
  @SignedIn()
  @ApiOperation({ summary: 'Mark an app as a favourite (again: no change)' })
  @ApiOkResponse({ type: FavouriteDto })
  async add(@CurrentUser() signedIn: SignedInUser, @Param('appId') appId: string): Promise<FavouriteDto> {
    validateAppId(appId);
    const userId = signedIn.user.id;
    const existing = await this.favourites.find(userId, appId);
    if (existing) return view(existing);
    if ((await this.favourites.countOf(userId)) >= MAX_FAVOURITES) {
      throw new DomainError('VALIDATION_FAILED', `at most ${MAX_FAVOURITES} favourite apps`, {
        field: 'appId',
        limit: MAX_FAVOURITES,
      });
    }
    return view(await this.favourites.add(userId, appId));
  }

  @Delete(':appId')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'No longer a favourite (one that was not: no change)' })
  async remove(@CurrentUser() signedIn: SignedInUser, @Param('appId') appId: string): Promise<void> {
    validateAppId(appId);
    await this.favourites.remove(signedIn.user.id, appId);
  }
}
