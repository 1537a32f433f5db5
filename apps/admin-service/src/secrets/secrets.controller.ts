import { Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { SecretReencryption } from './secret-reencryption';

export class ReencryptionReportDto {
  @ApiProperty({ description: 'The master key every secret value is now wrapped by' }) keyId!: string;
  @ApiProperty({
    description: 'Rows rewritten per table (item, release, commit, webhook)',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  rewritten!: Record<string, number>;
}

@ApiTags('secrets')
@Controller('secrets')
export class SecretsController {
  constructor(private readonly reencryption: SecretReencryption) {}

  @Post('reencrypt')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reencryptSecrets',
    summary:
      'Re-wrap every secret value under the first key of HOUSTON_SECRET_KEYS, batch by batch; run again to resume',
  })
  @ApiQuery({ name: 'operator', required: false })
  @ApiOkResponse({ type: ReencryptionReportDto })
  reencrypt(
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) header?: string,
  ): Promise<ReencryptionReportDto> {
    return this.reencryption.run(requireOperator(operator, header));
  }
}
