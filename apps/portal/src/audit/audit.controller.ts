import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SuperAdminOnly } from '../sessions/access';
import { AuditService } from './audit.service';

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
}

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Who changed what through the portal, newest first, paged' })
  list(@Query() query: AuditQueryDto) {
    return this.audit.page({ ...query, page: query.page ?? 0, size: query.size ?? 50 });
  }
}
