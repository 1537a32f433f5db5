import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { runHealthChecks, type CheckStatus } from './health-check';
import { DEFAULT_CHECK_TIMEOUT_MS, HEALTH_OPTIONS, type HealthModuleOptions } from './health.options';
import { ReadinessState } from './readiness-state';

export interface ReadinessBody {
  status: CheckStatus;
  checks: Record<string, CheckStatus>;
  shuttingDown?: true;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(HEALTH_OPTIONS) private readonly options: HealthModuleOptions,
    @Inject(ReadinessState) private readonly readiness: ReadinessState,
  ) {}

  @Get('health')
  @ApiOperation({ operationId: 'health', summary: 'Liveness: UP while the process runs' })
  health(): { status: 'UP' } {
    return { status: 'UP' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'ready', summary: 'Readiness: 200 when every dependency answers, else 503' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.evaluate();
    void reply
      .status(body.status === 'UP' ? 200 : 503)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body));
  }

  async evaluate(): Promise<ReadinessBody> {
    // A stopping instance is not ready whatever its dependencies say; its database may be closing.
    if (this.readiness.isShuttingDown) return { status: 'DOWN', checks: {}, shuttingDown: true };
    const checks = await runHealthChecks(
      this.options.checks ?? [],
      this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    );
    const status = Object.values(checks).every((s) => s === 'UP') ? 'UP' : 'DOWN';
    return { status, checks };
  }
}
