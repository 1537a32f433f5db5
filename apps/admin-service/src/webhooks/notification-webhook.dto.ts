import { NOTIFICATION_EVENTS, type NotificationEvent } from '@houston/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;

export class CreateNotificationWebhookDto {
  @ApiProperty({
    example: 'https://chat.example.com/hooks/houston',
    description: 'http or https; called with POST after each release-like change it asked for',
  })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    description: 'Only changes of this namespace; every namespace of the app when absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  namespaceName?: string;

  @ApiProperty({
    minLength: 16,
    maxLength: 256,
    description: 'The HMAC-SHA256 key deliveries are signed with; stored encrypted, not shown again',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_EVENTS,
    isArray: true,
    default: ['release', 'rollback', 'merge'],
    description: 'What the hook is told of',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_EVENTS.length)
  @IsIn(NOTIFICATION_EVENTS, { each: true })
  events?: NotificationEvent[];
}

export class NotificationWebhookDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty({ description: 'Empty: every namespace of the app' }) namespaceName!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true }) events!: NotificationEvent[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: Date;
}

/** Which deliveries: by status, by hook, or all of the app's. */
export class DeliveryCountQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ type: 'integer', description: "Only this hook's deliveries" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  webhookId?: number;
}

export class DeliveryCountDto {
  @ApiProperty({ description: 'Deliveries matching the filter, over all pages' }) total!: number;
}

/** The count's filter, and a page of it. */
export class DeliveryQueryDto extends DeliveryCountQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Deliveries older than this id (the next page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  beforeId?: number;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  size = 50;
}

export class WebhookDeliveryDto {
  @ApiProperty() id!: number;
  @ApiProperty() webhookId!: number;
  @ApiProperty() appId!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ enum: NOTIFICATION_EVENTS }) event!: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description: 'pending (waiting for its next attempt), delivering (claimed), delivered, failed',
  })
  status!: string;
  @ApiProperty({ description: 'Attempts made so far' }) attempts!: number;
  @ApiProperty({ description: 'When a pending delivery is next tried' }) nextAttemptAt!: Date;
  @ApiPropertyOptional({ description: 'When the last attempt ended' }) lastAttemptAt?: Date;
  @ApiProperty({ description: "The last attempt's HTTP status (0: no answer)" }) lastStatus!: number;
  @ApiProperty({ description: 'Why the last attempt failed (empty after a success)' }) lastError!: string;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ description: 'The JSON body sent (only when one delivery is read)' })
  payload?: unknown;
}
