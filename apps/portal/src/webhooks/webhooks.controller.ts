import { Controller, Delete, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigForwarder } from '../config/config-forwarder';
import { Requires } from '../sessions/access';
import { withoutSigningSecrets } from './without-signing-secrets';

const APP = 'api/envs/:env/apps/:appId';

/**
 * An app's validation webhooks (asked before each release), notification webhooks (told after
 * one) and their deliveries, on the environment's admin-service. Whoever may see the app lists
 * them; the app master adds and removes hooks and sends a failed delivery again. A hook's signing
 * secret goes in when it is added and never comes back out.
 */
@ApiTags('webhooks')
@Controller(APP)
export class WebhooksController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get('release-webhooks')
  @Requires('read')
  @ApiOperation({ summary: "The app's validation webhooks, asked before each release (no secrets)" })
  validationHooks(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Post('release-webhooks')
  @Requires('master')
  @ApiOperation({
    summary:
      'Add a validation webhook: `url`, `secret` (16–256 characters, never shown again), optional `namespaceName`, `timeoutMs`, `failurePolicy` (app master)',
  })
  addValidationHook(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Delete('release-webhooks/:id')
  @Requires('master')
  @ApiOperation({ summary: 'Remove a validation webhook (app master)' })
  removeValidationHook(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Get('notification-webhooks')
  @Requires('read')
  @ApiOperation({ summary: "The app's notification webhooks, told after each release (no secrets)" })
  notificationHooks(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Post('notification-webhooks')
  @Requires('master')
  @ApiOperation({
    summary:
      'Add a notification webhook: `url`, `secret` (16–256 characters, never shown again), optional `namespaceName`, `events` (app master)',
  })
  addNotificationHook(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Delete('notification-webhooks/:id')
  @Requires('master')
  @ApiOperation({
    summary: 'Remove a notification webhook; its deliveries not yet sent are failed (app master)',
  })
  removeNotificationHook(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Get('webhook-deliveries')
  @Requires('read')
  @ApiOperation({
    summary:
      "The app's notification deliveries, newest first: status, attempts, last status and error (`status`, `webhookId`, `beforeId`, `size`)",
  })
  deliveries(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Get('webhook-deliveries/count')
  @Requires('read')
  @ApiOperation({
    summary: "How many of the app's deliveries match the filter (`status`, `webhookId`), over all pages",
  })
  deliveryCount(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Get('webhook-deliveries/:id')
  @Requires('read')
  @ApiOperation({ summary: 'One delivery, with the body it sends (changed keys, never values)' })
  delivery(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Post('webhook-deliveries/:id/redeliver')
  @Requires('master')
  @ApiOperation({
    summary: 'Send a failed delivery again, its attempts starting over; 409 unless it failed (app master)',
  })
  redeliver(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forward(request, reply);
  }

  private async forward(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    return withoutSigningSecrets(await this.forwarder.forward(request, reply));
  }
}
