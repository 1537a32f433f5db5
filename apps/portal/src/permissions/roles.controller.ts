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
} from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { UsersService } from '../people/users.service';
import { Requires, SignedIn, SuperAdminOnly } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { GrantsService, type GrantView } from './grants.service';
import { allows, APP_ROLES, grantShapeProblem, type Grant } from './permission-rules';

export class AssignRoleDto {
  @ApiProperty({ example: 'alice' }) @IsString() @Length(1, 64) username!: string;
  @ApiProperty({ enum: APP_ROLES }) @IsIn(APP_ROLES) role!: string;
  @ApiPropertyOptional({ description: 'Namespace roles: one environment only; cluster roles: required' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  env?: string;
  @ApiPropertyOptional({ description: 'Cluster roles' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  cluster?: string;
  @ApiPropertyOptional({ description: 'Namespace roles' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  namespace?: string;
}

export class UsernameDto {
  @ApiProperty({ example: 'alice' }) @IsString() @Length(1, 64) username!: string;
}

@ApiTags('roles')
@Controller('api')
export class RolesController {
  constructor(
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
  ) {}

  @Get('apps/:appId/roles')
  @SignedIn()
  @ApiOperation({ summary: 'Who holds which role on the app' })
  list(@Param('appId') appId: string): Promise<GrantView[]> {
    return this.grants.forApp(appId);
  }

  @Get('apps/:appId/permissions')
  @SignedIn()
  @ApiOperation({ summary: 'What you may do on the app (for the UI to show or hide actions)' })
  async mine(@Param('appId') appId: string, @CurrentUser() signedIn: SignedInUser) {
    const grants = (await this.grants.grantsOf(signedIn.user.id)).filter((grant) => grant.appId === appId);
    const actor = { isSuperAdmin: signedIn.user.isSuperAdmin, grants };
    return {
      isSuperAdmin: signedIn.user.isSuperAdmin,
      isMaster: allows(actor, { kind: 'master', appId }),
      isMember: allows(actor, { kind: 'member', appId }),
      grants: grants.map(({ role, env, clusterName, namespaceName }) => ({
        role,
        env,
        clusterName,
        namespaceName,
      })),
    };
  }

  @Post('apps/:appId/roles')
  @Requires('master')
  @ApiOperation({ summary: 'Give someone a role on the app (app master)' })
  async assign(
    @Param('appId') appId: string,
    @Body() body: AssignRoleDto,
    @CurrentUser() signedIn: SignedInUser,
  ): Promise<GrantView> {
    const grant: Grant = {
      role: body.role,
      appId,
      env: body.env === undefined ? '' : this.environments.resolve(body.env),
      clusterName: body.cluster ?? '',
      namespaceName: body.namespace ?? '',
    };
    const problem = grantShapeProblem(grant);
    if (problem) throw new BadRequestException(problem);
    const user = await this.users.findByName(body.username);
    if (!user) throw new BadRequestException(`${body.username} is not a portal user`);
    return (await this.grants.add(user, grant, signedIn.user.username))!;
  }

  @Delete('apps/:appId/roles/:grantId')
  @Requires('master')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a role back (app master)' })
  revoke(@Param('appId') appId: string, @Param('grantId', ParseIntPipe) grantId: number): Promise<void> {
    return this.grants.remove(appId, grantId);
  }

  @Get('roles/create-application')
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Who may create applications' })
  creators(): Promise<GrantView[]> {
    return this.grants.withRole('CreateApplication');
  }

  @Post('roles/create-application')
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Let someone create applications (super administrator)' })
  async allowCreate(@Body() body: UsernameDto, @CurrentUser() signedIn: SignedInUser): Promise<GrantView> {
    const user = await this.users.findByName(body.username);
    if (!user) throw new BadRequestException(`${body.username} is not a portal user`);
    const grant = { role: 'CreateApplication', appId: '', env: '', clusterName: '', namespaceName: '' };
    return (await this.grants.add(user, grant, signedIn.user.username))!;
  }

  @Delete('roles/create-application/:username')
  @SuperAdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Take the create-application permission back (super administrator)' })
  async disallowCreate(@Param('username') username: string): Promise<void> {
    const user = await this.users.findByName(username);
    if (!user) throw new BadRequestException(`${username} is not a portal user`);
    await this.grants.removeGlobal('CreateApplication', user.id);
  }
}
