import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { Requires } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { CompareNamespace, type NamespaceComparison, type Place } from './compare-namespace.usecase';
import type { NamespaceAddress } from './namespace-reader';
import { SyncNamespace, type TargetSync } from './sync-namespace.usecase';

const NS = 'api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace';
/** Bounds one request's fan-out: each target is a call to an environment. */
export const MAX_TARGETS = 20;
export const MAX_SYNC_KEYS = 1000;

export class PlaceDto {
  @ApiProperty({ example: 'PRO' }) @IsString() @Length(1, 32) env!: string;
  @ApiProperty({ example: 'default' }) @IsString() @Length(1, 64) cluster!: string;
}

export class SyncRequestDto {
  @ApiProperty({ type: PlaceDto, isArray: true, description: `Where to (1 to ${MAX_TARGETS})` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TARGETS)
  @ValidateNested({ each: true })
  @Type(() => PlaceDto)
  targets!: PlaceDto[];

  @ApiProperty({
    type: String,
    isArray: true,
    description: `The keys to make equal to the source (a key the source lacks is deleted), 1 to ${MAX_SYNC_KEYS}`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SYNC_KEYS)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  keys!: string[];
}

type NsParams = Record<'env' | 'appId' | 'cluster' | 'namespace', string>;

@ApiTags('compare and sync')
@Controller(NS)
export class CompareController {
  constructor(
    @Inject(CompareNamespace) private readonly compare: CompareNamespace,
    @Inject(SyncNamespace) private readonly sync: SyncNamespace,
  ) {}

  @Get('compare')
  @Requires('read')
  @ApiOperation({
    summary:
      'Compare the namespace here with the same namespace elsewhere; each target has its own status (an unreachable environment says so)',
  })
  @ApiQuery({
    name: 'targets',
    description: 'ENV:cluster pairs, comma-separated: `PRO:default,DEV:shanghai`',
  })
  @ApiOkResponse({
    description: '{source, targets: [{env, cluster, status, reason?, valuesHidden, entries, counts}]}',
  })
  run(
    @CurrentUser() signedIn: SignedInUser,
    @Param() params: NsParams,
    @Query('targets') targets: unknown,
  ): Promise<NamespaceComparison> {
    return this.compare.execute(signedIn, addressOf(params), parseTargets(targets));
  }

  @Post('sync')
  @Requires('read-values')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make the chosen keys equal to this namespace in each target (created, updated or deleted, not released); needs modify permission on every target',
  })
  syncKeys(
    @CurrentUser() signedIn: SignedInUser,
    @Param() params: NsParams,
    @Body() body: SyncRequestDto,
  ): Promise<TargetSync[]> {
    const source = addressOf(params);
    const targets = distinct(body.targets);
    if (
      targets.some((t) => t.env.toUpperCase() === source.env.toUpperCase() && t.cluster === source.cluster)
    ) {
      throw new BadRequestException('a target is the source itself');
    }
    return this.sync.execute(signedIn, source, targets, body.keys);
  }
}

function addressOf(params: NsParams): NamespaceAddress {
  return {
    env: params.env.toUpperCase(),
    appId: params.appId,
    cluster: params.cluster,
    namespace: params.namespace,
  };
}

function parseTargets(raw: unknown): Place[] {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new BadRequestException('targets: give ENV:cluster pairs, comma-separated, e.g. PRO:default');
  }
  const pairs = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (pairs.length > MAX_TARGETS) throw new BadRequestException(`targets: at most ${MAX_TARGETS}`);
  return distinct(
    pairs.map((pair) => {
      const match = /^([^:\s]{1,32}):([^:\s]{1,64})$/.exec(pair);
      if (!match) throw new BadRequestException(`targets: "${pair}" is not ENV:cluster`);
      return { env: match[1]!, cluster: match[2]! };
    }),
  );
}

function distinct(places: Place[]): Place[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const id = `${p.env.toUpperCase()}\u0000${p.cluster}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
