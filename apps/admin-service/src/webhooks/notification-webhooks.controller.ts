import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import {
  CreateNotificationWebhookDto,
  DeliveryCountDto,
  DeliveryCountQueryDto,
  DeliveryQueryDto,
  NotificationWebhookDto,
  WebhookDeliveryDto,
} from './notification-webhook.dto';
import { NotificationWebhookService } from './notification-webhooks.service';

/** Notification webhooks, told after each release-like change of the app, and their deliveries. */
@ApiTags('releases')
@Controller('apps/:appId')
export class NotificationWebhooksController {
  constructor(private readonly webhooks: NotificationWebhookService) {}

  @Post('notification-webhooks')
  @ApiOperation({
    operationId: 'createNotificationWebhook',
    summary: 'Register a notification webhook (signed deliveries after each release, retried)',
  })
  @ApiCreatedResponse({ type: NotificationWebhookDto })
  create(
    @Param('appId') appId: string,
    @Body() body: CreateNotificationWebhookDto,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<NotificationWebhookDto> {
    return this.webhooks.create(appId, body, requireOperator(operator, operatorHeader));
  }

  @Get('notification-webhooks')
  @ApiOperation({
    operationId: 'listNotificationWebhooks',
    summary: "The app's notification webhooks (secrets are never shown)",
  })
  @ApiOkResponse({ type: NotificationWebhookDto, isArray: true })
  list(@Param('appId') appId: string): Promise<NotificationWebhookDto[]> {
    return this.webhooks.list(appId);
  }

  @Delete('notification-webhooks/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteNotificationWebhook',
    summary: 'Delete a notification webhook; its deliveries not yet sent are failed',
  })
  delete(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.webhooks.delete(appId, id, requireOperator(operator, operatorHeader));
  }

  @Get('webhook-deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "The app's notification deliveries, newest first: status, attempts, last error",
  })
  @ApiOkResponse({ type: WebhookDeliveryDto, isArray: true })
  deliveries(@Param('appId') appId: string, @Query() query: DeliveryQueryDto): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(appId, query);
  }

  // Declared before `webhook-deliveries/:id`, which would otherwise take `count` for an id.
  @Get('webhook-deliveries/count')
  @ApiOperation({
    operationId: 'countWebhookDeliveries',
    summary: "How many of the app's deliveries match the filter (`status`, `webhookId`), over all pages",
  })
  @ApiOkResponse({ type: DeliveryCountDto })
  deliveryCount(
    @Param('appId') appId: string,
    @Query() query: DeliveryCountQueryDto,
  ): Promise<DeliveryCountDto> {
    return this.webhooks.deliveryCount(appId, query);
  }

  @Get('webhook-deliveries/:id')
  @ApiOperation({ operationId: 'getWebhookDelivery', summary: 'One delivery, with the body it sends' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  delivery(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.delivery(appId, id);
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'redeliverWebhookDelivery',
    summary: 'Send a failed delivery again (its attempts start over); 409 unless it failed',
  })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  redeliver(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(appId, id, requireOperator(operator, operatorHeader));
  }
}
