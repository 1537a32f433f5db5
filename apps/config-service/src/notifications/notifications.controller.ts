import { DomainError } from '@houston/domain';
import { ClientAuthGuard } from '../access/client-auth.guard';
import { Controller, UseGuards, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from '../config-service.options';
import { NotificationService } from './notification-service';

@ApiTags('client')
@UseGuards(ClientAuthGuard)
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationService,
    @Inject(CONFIG_SERVICE_OPTIONS) private readonly options: ConfigServiceOptions,
  ) {}

  @Get('notifications/v2')
  @ApiOperation({
    operationId: 'pollNotifications',
    summary: "Apollo's long poll: 200 with the changed namespaces, or 304 after the hold",
  })
  async poll(
    @Query('appId') appId: string | undefined,
    @Query('cluster') cluster: string | undefined,
    @Query('notifications') notifications: string | undefined,
    @Query('dataCenter') dataCenter: string | undefined,
    @Query('ip') clientIp: string | undefined,
    @Query('label') label: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!appId) throw new DomainError('BAD_REQUEST', 'appId is required', { field: 'appId' });
    const outcome = await this.notifications.poll({
      appId,
      cluster: cluster || 'default',
      notifications,
      dataCenter: dataCenter || undefined,
      ip: clientIp || request.ip,
      label: label || undefined,
    });
    if (outcome.kind === 'changed') {
      void reply.header('content-type', 'application/json; charset=utf-8').send(outcome.body);
      return;
    }
    const drop = this.notifications.registry.hold(
      {
        namespaceByKey: outcome.namespaceByKey,
        knownIdByKey: outcome.knownIdByKey,
        shouldWake: outcome.shouldWake,
        complete: (body) => {
          if (reply.sent || reply.raw.destroyed) return;
          if (body === null) void reply.status(304).send();
          else void reply.header('content-type', 'application/json; charset=utf-8').send(body);
        },
      },
      this.options.longPollTimeoutMs,
    );
    // The response's close (not the request's) tells that the client went away while held.
    // A client that gives up may only half-close its side (fetch's abort does); without an answer
    // the server would keep that socket, and a shutdown would wait for it, so it is closed here.
    const socket = reply.raw.socket;
    reply.raw.once('close', () => {
      drop();
      if (!reply.raw.writableFinished) socket?.destroy();
    });
  }
}
