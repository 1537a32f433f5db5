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
import { CreateReleaseWebhookDto, ReleaseWebhookDto } from './release-webhook.dto';
import { ReleaseWebhookService } from './release-webhooks.service';

/** Validation webhooks asked before every main release of the app (or of one namespace). */
@ApiTags('releases')
@Controller('apps/:appId/release-webhooks')
export class ReleaseWebhooksController {
  constructor(private readonly webhooks: ReleaseWebhookService) {}

  @Post()
  @ApiOperation({
    operationId: 'createReleaseWebhook',
    summary: 'Register a validation webhook (signed calls, veto)',
  })
  @ApiCreatedResponse({ type: ReleaseWebhookDto })
  create(
    @Param('appId') appId: string,
    @Body() body: CreateReleaseWebhookDto,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ReleaseWebhookDto> {
    return this.webhooks.create(appId, body, requireOperator(operator, operatorHeader));
  }

  @Get()
  @ApiOperation({
    operationId: 'listReleaseWebhooks',
    summary: "The app's webhooks (secrets are never shown)",
  })
  @ApiOkResponse({ type: ReleaseWebhookDto, isArray: true })
  list(@Param('appId') appId: string): Promise<ReleaseWebhookDto[]> {
    return this.webhooks.list(appId);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteReleaseWebhook' })
  delete(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.webhooks.delete(appId, id, requireOperator(operator, operatorHeader));
  }
}
