import { validateAppId } from '@houston/domain';
import { Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { RECENT_APPS_KEPT, RecentAppsStore } from './recent-apps.store';

export class RecentAppDto {
  @ApiProperty({ example: 'shop' }) appId!: string;
  @ApiProperty({ description: 'When it was last opened (ISO 8601)' }) visitedAt!: string;
}

/**
 * The apps the signed-in person opened lately, kept by the portal (so they follow the person
 * from browser to browser). Only one's own; an app id is not checked against the environments.
 */
@ApiTags('people')
@Controller('api/me/recent-apps')
export class RecentAppsController {
  constructor(@Inject(RecentAppsStore) private readonly recent: RecentAppsStore) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: `Your recently visited apps, latest first (at most ${RECENT_APPS_KEPT})` })
  @ApiOkResponse({ type: RecentAppDto, isArray: true })
  async list(@CurrentUser() signedIn: SignedInUser): Promise<RecentAppDto[]> {
    return (await this.recent.listOf(signedIn.user.id)).map((row) => ({
      appId: row.appId,
      visitedAt: new Date(row.visitedAt).toISOString(),
    }));
  }

  @Put(':appId')
  @SignedIn()
  @ApiOperation({
    summary: `Record a visit of an app: it becomes the latest; the oldest beyond ${RECENT_APPS_KEPT} are forgotten`,
  })
  @ApiOkResponse({ type: RecentAppDto, isArray: true })
  async visit(@CurrentUser() signedIn: SignedInUser, @Param('appId') appId: string): Promise<RecentAppDto[]> {
    validateAppId(appId);
    await this.recent.visit(signedIn.user.id, appId);
    return this.list(signedIn);
  }
}
