import { ApiProperty } from '@nestjs/swagger';
import { AuditFieldsDto } from '../common/audit-fields';

export class AccessKeyDto extends AuditFieldsDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty({ description: 'Masked; the whole secret is only in the answer to its creation' })
  secret!: string;
  @ApiProperty() isEnabled!: boolean;
}

export class CreatedAccessKeyDto extends AccessKeyDto {
  @ApiProperty({
    description: 'The whole secret, shown this once: give it to the clients (apollo.access-key.secret)',
  })
  declare secret: string;
}
