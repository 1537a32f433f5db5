import { ApiProperty } from '@nestjs/swagger';
import { AuditFieldsDto } from '../common/audit-fields';

export class AccessKeyDto extends AuditFieldsDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty({ description: 'Masked; the whole secret is only in the answer to its creation' })
  secret!: string;
  @ApiProperty() isEnabled!: boolean;
  @ApiProperty({
    enum: [0, 1],
    description:
      '0 FILTER: requests without a valid signature are refused; 1 OBSERVER: they are served and logged',
  })
  mode!: number;
}

export class CreatedAccessKeyDto extends AccessKeyDto {
  @ApiProperty({
    description: 'The whole secret, shown this once: give it to the clients (apollo.access-key.secret)',
  })
  declare secret: string;
}
