import { ApiProperty } from '@nestjs/swagger';

export class InstanceConfigDto {
  @ApiProperty() releaseKey!: string;
  @ApiProperty({ format: 'date-time', description: 'When the instance first got this release' })
  releaseDeliveryTime!: string;
  @ApiProperty({ format: 'date-time', description: 'When the instance last read it' })
  dataChangeLastModifiedTime!: string;
}

export class InstanceDto {
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() dataCenter!: string;
  @ApiProperty() ip!: string;
  @ApiProperty({
    description:
      "The label (apollo.label) the client sent on its /configs reads; '' for none. Clients do not send it on long polls.",
  })
  label!: string;
  @ApiProperty({ type: InstanceConfigDto }) config!: InstanceConfigDto;
}

export class InstancePageDto {
  @ApiProperty({ type: InstanceDto, isArray: true }) content!: InstanceDto[];
  @ApiProperty() page!: number;
  @ApiProperty() size!: number;
  @ApiProperty() total!: number;
}
