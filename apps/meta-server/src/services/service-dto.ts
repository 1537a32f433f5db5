import { ApiProperty } from '@nestjs/swagger';

/** Apollo's ServiceDTO: what clients read to find config services. */
export class ServiceDto {
  @ApiProperty({ example: 'houston-configservice' })
  appName!: string;

  @ApiProperty({ example: 'config-1:127.0.0.1:8080' })
  instanceId!: string;

  @ApiProperty({ example: 'http://127.0.0.1:8080/' })
  homepageUrl!: string;
}
