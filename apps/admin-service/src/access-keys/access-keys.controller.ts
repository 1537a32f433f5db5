import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseBoolPipe,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { parseAccessKeyMode } from '@houston/domain';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { AccessKeyDto, CreatedAccessKeyDto } from './access-key.dto';
import { AccessKeyService } from './access-key.service';

/** The documented override of the secrets rule. */
const OVERRIDE =
  'Leave live secret values without an enabled FILTER access key (recorded in the audit row); without it such a change is refused with 409 ACCESS_KEY_REQUIRED';

@ApiTags('access keys')
@Controller('apps/:appId/accesskeys')
export class AccessKeysController {
  constructor(private readonly keys: AccessKeyService) {}

  @Get()
  @ApiOperation({ operationId: 'listAccessKeys', summary: 'Access keys of an app, secrets masked' })
  @ApiOkResponse({ type: AccessKeyDto, isArray: true })
  list(@Param('appId') appId: string): Promise<AccessKeyDto[]> {
    return this.keys.list(appId);
  }

  @Post()
  @ApiOperation({
    operationId: 'createAccessKey',
    summary: 'Create a (disabled) key; the answer is the only time the secret is shown',
  })
  @ApiCreatedResponse({ type: CreatedAccessKeyDto })
  create(
    @Param('appId') appId: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) header?: string,
  ): Promise<CreatedAccessKeyDto> {
    return this.keys.create(appId, requireOperator(operator, header));
  }

  @Put(':id/enable')
  @ApiOperation({
    operationId: 'enableAccessKey',
    summary:
      'Enable the key: in mode 0 (FILTER, the default) clients of the app must sign their requests; in mode 1 (OBSERVER) unsigned or wrongly signed requests are served and logged',
  })
  @ApiQuery({ name: 'mode', required: false, enum: [0, 1] })
  @ApiOkResponse({ type: AccessKeyDto })
  @ApiQuery({ name: 'allowSecretsWithoutAccessKey', required: false, type: Boolean, description: OVERRIDE })
  enable(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('mode') mode?: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) header?: string,
    @Query('allowSecretsWithoutAccessKey', new ParseBoolPipe({ optional: true })) override?: boolean,
  ): Promise<AccessKeyDto> {
    return this.keys.setEnabled(
      appId,
      id,
      true,
      requireOperator(operator, header),
      parseAccessKeyMode(mode),
      override ?? false,
    );
  }

  @Put(':id/disable')
  @ApiOperation({
    operationId: 'disableAccessKey',
    summary:
      "Disable the key; refused (409 ACCESS_KEY_REQUIRED) when it is the app's last enabled FILTER key and clients are served secrets of the app",
  })
  @ApiOkResponse({ type: AccessKeyDto })
  @ApiQuery({ name: 'allowSecretsWithoutAccessKey', required: false, type: Boolean, description: OVERRIDE })
  disable(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) header?: string,
    @Query('allowSecretsWithoutAccessKey', new ParseBoolPipe({ optional: true })) override?: boolean,
  ): Promise<AccessKeyDto> {
    return this.keys.setEnabled(
      appId,
      id,
      false,
      requireOperator(operator, header),
      undefined,
      override ?? false,
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAccessKey', summary: 'Delete a disabled key' })
  delete(
    @Param('appId') appId: string,
    @Param('id', ParseIntPipe) id: number,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) header?: string,
  ): Promise<void> {
    return this.keys.delete(appId, id, requireOperator(operator, header));
  }
}
