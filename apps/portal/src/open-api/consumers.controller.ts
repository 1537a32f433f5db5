import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { TransferOwnerDto } from '../people/user.dto';
import { UsersService } from '../people/users.service';
import type { PortalConsumerEntity } from '../persistence/portal-entities';
import { SuperAdminOnly } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { ConsumersService } from './consumers.service';

export class CreateConsumerDto {
  @ApiProperty({ example: 'deploy-bot', description: 'Names the calling system' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'appId: letters, digits, ".", "_" and "-"' })
  appId!: string;
  @ApiProperty({ example: 'Deploy bot' }) @IsString() @Length(1, 128) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 64) orgId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 128) orgName?: string;
  @ApiProperty({ example: 'alice', description: 'A portal user' })
  @IsString()
  @Length(1, 64)
  ownerName!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @Length(0, 128) ownerEmail?: string;
  @ApiPropertyOptional({ description: 'Requests per second per token; 0 (default) is unlimited' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  rateLimit?: number;
  @ApiPropertyOptional({ description: 'May create apps (POST /openapi/v1/apps)' })
  @IsOptional()
  @IsBoolean()
  allowCreateApplication?: boolean;
}

/** An app's new owner, and the e-mail the consumer lists for them. */
export class TransferConsumerOwnerDto extends TransferOwnerDto {
  @ApiPropertyOptional({ description: "Absent: the new owner's e-mail" })
  @IsOptional()
  @IsEmail()
  @Length(0, 128)
  ownerEmail?: string;
}

export class ConsumerGrantDto {
  @ApiProperty({ example: 'shop' }) @IsString() @Length(1, 64) appId!: string;
  @ApiPropertyOptional({ description: 'One namespace (modify and release); absent: the whole app' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  namespaceName?: string;
  @ApiPropertyOptional({ description: 'One environment; absent: every environment' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  env?: string;
}

function view(consumer: PortalConsumerEntity) {
  const { id, appId, name, orgId, orgName, ownerName, ownerEmail, rateLimit, allowCreateApplication } =
    consumer;
  return { id, appId, name, orgId, orgName, ownerName, ownerEmail, rateLimit, allowCreateApplication };
}

/** Open API consumers, their tokens and grants (Apollo's "open platform" admin page). */
@ApiTags('open api consumers')
@Controller('api/consumers')
export class ConsumersController {
  constructor(
    @Inject(ConsumersService) private readonly consumers: ConsumersService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
  ) {}

  @Get()
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Every consumer with its grants (never its tokens)' })
  async list() {
    return Promise.all(
      (await this.consumers.list()).map(async (consumer) => ({
        ...view(consumer),
        grants: await this.consumers.grantsOf(consumer.id),
      })),
    );
  }

  @Post()
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Create a consumer; the answer holds its token, shown this once' })
  async create(@Body() body: CreateConsumerDto, @CurrentUser() signedIn: SignedInUser) {
    const owner = await this.users.findByName(body.ownerName);
    if (!owner) throw new BadRequestException(`owner ${body.ownerName} is not a portal user`);
    const { consumer, token } = await this.consumers.create(
      { ...body, ownerName: owner.username, ownerEmail: body.ownerEmail ?? owner.email },
      signedIn.user.username,
    );
    return { ...view(consumer), token };
  }

  @Delete(':consumerId')
  @SuperAdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a consumer with its tokens and grants' })
  remove(@Param('consumerId', ParseIntPipe) consumerId: number): Promise<void> {
    return this.consumers.remove(consumerId);
  }

  @Put(':consumerId/owner')
  @SuperAdminOnly()
  @ApiOperation({
    summary:
      "Make an enabled portal user the consumer's owner (with their e-mail unless one is given); the consumer's tokens and grants stay",
  })
  async transferOwner(
    @Param('consumerId', ParseIntPipe) consumerId: number,
    @Body() body: TransferConsumerOwnerDto,
  ) {
    await this.consumers.get(consumerId);
    const owner = await this.users.enabledOwner(body.ownerName);
    return view(
      await this.consumers.transferOwner(consumerId, {
        ownerName: owner.username,
        ownerEmail: body.ownerEmail ?? owner.email,
      }),
    );
  }

  @Post(':consumerId/tokens')
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Another token for the consumer (to rotate), shown this once' })
  async addToken(
    @Param('consumerId', ParseIntPipe) consumerId: number,
    @CurrentUser() signedIn: SignedInUser,
  ) {
    return { token: await this.consumers.addToken(consumerId, signedIn.user.username) };
  }

  @Delete(':consumerId/tokens')
  @SuperAdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'End every token of the consumer' })
  revokeTokens(@Param('consumerId', ParseIntPipe) consumerId: number): Promise<void> {
    return this.consumers.revokeTokens(consumerId);
  }

  @Get(':consumerId/grants')
  @SuperAdminOnly()
  @ApiOperation({ summary: "The consumer's grants" })
  async grants(@Param('consumerId', ParseIntPipe) consumerId: number) {
    await this.consumers.get(consumerId);
    return this.consumers.grantsOf(consumerId);
  }

  @Post(':consumerId/grants')
  @SuperAdminOnly()
  @ApiOperation({
    summary:
      'Grant an app (everything on it) or one namespace of it (modify and release), optionally in one environment',
  })
  grant(
    @Param('consumerId', ParseIntPipe) consumerId: number,
    @Body() body: ConsumerGrantDto,
    @CurrentUser() signedIn: SignedInUser,
  ) {
    return this.consumers.grant(
      consumerId,
      {
        appId: body.appId,
        namespaceName: body.namespaceName ?? '',
        env: body.env === undefined ? '' : this.environments.resolve(body.env),
      },
      signedIn.user.username,
    );
  }

  @Delete(':consumerId/grants/:grantId')
  @SuperAdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a grant back' })
  revokeGrant(
    @Param('consumerId', ParseIntPipe) consumerId: number,
    @Param('grantId', ParseIntPipe) grantId: number,
  ): Promise<void> {
    return this.consumers.revokeGrant(consumerId, grantId);
  }
}
