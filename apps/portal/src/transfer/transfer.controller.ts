import { BadRequestException, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { SignedIn } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { ExportApp } from './export-app.usecase';
import { ImportApp, type ConflictAction, type ImportReport } from './import-app.usecase';

export const ZIP_CONTENT_TYPE = 'application/zip';

/**
 * Export and import in Apollo 2.5's zip layout. Signed in is enough to reach them; what may be
 * read or written is checked per environment, cluster and namespace inside (see the use cases).
 */
@ApiTags('export and import')
@Controller('api/apps/:appId')
export class TransferController {
  constructor(
    @Inject(ExportApp) private readonly exporter: ExportApp,
    @Inject(ImportApp) private readonly importer: ImportApp,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  @Get('export')
  @SignedIn()
  @ApiOperation({
    summary:
      "The app (or one cluster, or one namespace) from every environment you may read, as a zip in Apollo's layout",
  })
  @ApiQuery({ name: 'envs', required: false, description: 'Comma-separated; default every environment' })
  @ApiQuery({ name: 'cluster', required: false })
  @ApiQuery({ name: 'namespace', required: false })
  @ApiOkResponse({
    description: 'application/zip; X-Houston-Export-Skipped names environments left out and why',
  })
  async export(
    @CurrentUser() signedIn: SignedInUser,
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const envs = optional(query['envs'], 'envs')
      ?.split(',')
      .map((env) => env.trim())
      .filter(Boolean);
    const scope = {
      envs,
      cluster: optional(query['cluster'], 'cluster'),
      namespace: optional(query['namespace'], 'namespace'),
    };
    const { zip, skipped } = await this.exporter.execute(signedIn, appId, scope);
    const name = [appId, scope.cluster, scope.namespace]
      .filter(Boolean)
      .join('+')
      .replace(/[^\w.+-]/g, '_');
    void reply
      .header('content-type', ZIP_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${name}.zip"`)
      .header('cache-control', 'no-store');
    if (skipped.length > 0) {
      void reply.header('x-houston-export-skipped', skipped.map((s) => `${s.env}: ${s.reason}`).join('; '));
    }
    await reply.send(Buffer.from(zip));
  }

  @Post('import')
  @SignedIn()
  @ApiOperation({
    summary:
      "Import a zip in Apollo's layout (body application/zip): all or nothing; ?conflictAction=ignore|cover, ?env= sends every namespace to that environment",
  })
  @ApiQuery({ name: 'conflictAction', enum: ['ignore', 'cover'] })
  @ApiQuery({ name: 'env', required: false })
  import(
    @CurrentUser() signedIn: SignedInUser,
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ): Promise<ImportReport> {
    const conflictAction = optional(query['conflictAction'], 'conflictAction');
    if (conflictAction !== 'ignore' && conflictAction !== 'cover') {
      throw new BadRequestException('conflictAction must be ignore or cover');
    }
    if (!Buffer.isBuffer(request.body)) {
      throw new BadRequestException(`send the archive as the body, with content-type ${ZIP_CONTENT_TYPE}`);
    }
    return this.importer.execute(signedIn, appId, new Uint8Array(request.body), {
      conflictAction: conflictAction as ConflictAction,
      env: optional(query['env'], 'env'),
      limits: this.settings.importLimits,
    });
  }
}

function optional(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 256) throw new BadRequestException(`${name}: give it once`);
  return value;
}
