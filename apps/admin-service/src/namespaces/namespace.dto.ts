import { AuditFieldsDto } from '../common/audit-fields';
import { NAMESPACE_FORMATS } from '@houston/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ItemDto } from '../items/item.dto';

export class CreateAppNamespaceDto {
  @ApiProperty({
    example: 'datasource',
    description: 'Without the format suffix; `.json` etc. is appended for other formats',
  })
  @IsString()
  name!: string;

  @ApiPropertyOptional({ description: 'Must match the path when given' })
  @IsOptional()
  @IsString()
  appId?: string;

  @ApiPropertyOptional({ enum: NAMESPACE_FORMATS, default: 'properties' })
  @IsOptional()
  @IsIn(NAMESPACE_FORMATS)
  format?: (typeof NAMESPACE_FORMATS)[number];

  @ApiPropertyOptional({ default: false, description: 'Public namespaces can be associated by other apps' })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Every item is secret: stored encrypted, shown masked, revealed on request, released only with an access key (needs HOUSTON_SECRET_KEYS)',
  })
  @IsOptional()
  @IsBoolean()
  isSecret?: boolean;

  @ApiPropertyOptional({
    default: true,
    description: "Public namespaces get the app's orgId as prefix (`orgId.name`), as in Apollo, unless false",
  })
  @IsOptional()
  @IsBoolean()
  appendNamespacePrefix?: boolean;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  comment?: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class AppNamespaceDto extends AuditFieldsDto {
  @ApiProperty() name!: string;
  @ApiProperty() appId!: string;
  @ApiProperty({ enum: NAMESPACE_FORMATS }) format!: string;
  @ApiProperty() isPublic!: boolean;
  @ApiProperty({ description: 'Every item of it is secret' }) isSecret!: boolean;
  @ApiProperty() comment!: string;
}

export class SetNamespaceSecretDto {
  @ApiProperty({
    description:
      'true: every item becomes secret (the clear ones are encrypted now, in one commit per cluster); false: new items are clear again, the secret ones stay secret',
  })
  @IsBoolean()
  secret!: boolean;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeLastModifiedBy?: string;
}

export class NamespaceDto {
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ enum: NAMESPACE_FORMATS }) format!: string;
  @ApiProperty() isPublic!: boolean;
  @ApiProperty({ description: 'Every item of it is secret' }) isSecret!: boolean;
  @ApiProperty({ type: ItemDto, isArray: true, description: 'Keyed items in line order' }) items!: ItemDto[];
  @ApiProperty({ description: 'The whole namespace as text (properties with comments, or the document)' })
  configText!: string;
  @ApiProperty({
    description: 'Changes with every edit; send it back with a text edit to refuse overwriting a newer one',
  })
  revision!: number;
}

export class AssociateNamespaceDto {
  @ApiProperty({ example: 'trade.dal', description: "The public namespace's name" })
  @IsString()
  namespaceName!: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class AssociatedNamespaceDto {
  @ApiProperty() namespaceName!: string;
  @ApiProperty() ownerAppId!: string;
  @ApiProperty({ enum: NAMESPACE_FORMATS }) format!: string;
}

export class PublicAppNamespaceDto {
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ description: 'The app that defines it' }) ownerAppId!: string;
  @ApiProperty({ enum: NAMESPACE_FORMATS }) format!: string;
  @ApiProperty() comment!: string;
}

export class CreateNamespaceInClusterDto {
  @ApiProperty({
    example: 'datasource',
    description:
      "One of the app's own namespace definitions, or another app's public namespace (associated in this cluster)",
  })
  @IsString()
  @MaxLength(128)
  namespaceName!: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

/** A namespace of a public definition in one cluster of one app (the owner's or an associating app's). */
export class PublicNamespaceInstanceDto extends AuditFieldsDto {
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ enum: NAMESPACE_FORMATS }) format!: string;
  @ApiProperty() isPublic!: boolean;
  @ApiProperty() comment!: string;
}
