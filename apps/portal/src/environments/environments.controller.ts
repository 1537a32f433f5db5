import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../sessions/access';
import { EnvironmentGateway, type EnvironmentStatus } from './environment-gateway';

export class EnvironmentStatusDto implements EnvironmentStatus {
  @ApiProperty({ example: 'DEV' }) env!: string;
  @ApiProperty({ enum: ['up', 'unreachable'] }) status!: 'up' | 'unreachable';
  @ApiProperty({ description: 'Admin-service instances its meta-server lists' }) adminServices!: number;
  @ApiPropertyOptional({ description: 'Why it is unreachable' }) reason?: string;
}

@ApiTags('environments')
@Controller('api/envs')
export class EnvironmentsController {
  constructor(@Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Every environment and whether its admin-service answers now' })
  @ApiOkResponse({ type: EnvironmentStatusDto, isArray: true })
  list(): Promise<EnvironmentStatus[]> {
    return this.gateway.statuses();
  }
}
