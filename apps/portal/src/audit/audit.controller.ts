import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { hideValues } from '../config/config-forwarder';
import { ValueVisibility } from '../review/value-visibility';
import { Requires, SuperAdminOnly } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { AuditService, type AuditQuery, type AuditRow } from './audit.service';

export class AuditQueryDto {
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) page?: number;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  size?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) username?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) env?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiPropertyOptional({ description: 'The handler, e.g. `update`, `release`, `approve`' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
  @ApiPropertyOptional({ description: 'Entities starting with this, e.g. `item shop/default/application`' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  entity?: string;
  @ApiPropertyOptional({ description: 'From this time (epoch milliseconds), inclusive' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;
  @ApiPropertyOptional({ description: 'Up to this time (epoch milliseconds), inclusive' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  to?: number;
}

/** An audit row as the API shows it: before and after parsed, values hidden when the viewer may not see them. */
function auditView(row: AuditRow, hide: boolean) {
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));
  const shown = (text: string | null) => (hide ? hideValues(parse(text)) : parse(text));
  const { beforeValue, afterValue, ...rest } = row;
  return { ...rest, before: shown(beforeValue), after: shown(afterValue), valuesHidden: hide };
}

@ApiTags('audit')
@Controller('api')
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ValueVisibility) private readonly visibility: ValueVisibility,
  ) {}

  @Get('audit')
  @SuperAdminOnly()
  @ApiOperation({
    summary: 'Who changed what through the portal, with before and after, newest first, paged',
  })
  async list(@Query() query: AuditQueryDto) {
    const page = await this.audit.page(pageQuery(query));
    return { ...page, content: page.content.map((row) => auditView(row, false)) };
  }

  @Get('apps/:appId/audit')
  @Requires('read')
  @ApiOperation({
    summary:
      "The app's audit log, paged; before and after values hidden in member-only environments from non-members",
  })
  async forApp(
    @Param('appId') appId: string,
    @Query() query: AuditQueryDto,
    @CurrentUser() signedIn: SignedInUser,
  ) {
    const actor = await this.visibility.actorOf(signedIn);
    const page = await this.audit.page(pageQuery({ ...query, appId }));
    return {
      ...page,
      content: page.content.map((row) => auditView(row, this.visibility.hides(actor, row.env, row.appId))),
    };
  }
}

function pageQuery(query: AuditQueryDto): AuditQuery {
  return { ...query, page: query.page ?? 0, size: query.size ?? 50 };
}
