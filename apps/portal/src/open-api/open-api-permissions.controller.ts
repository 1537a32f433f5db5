import {
  BadRequestException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '../people/users.service';
import type { PortalUserEntity } from '../persistence/portal-entities';
import { GrantsService, type GrantView } from '../permissions/grants.service';
import { allows, type Grant } from '../permissions/permission-rules';
import { AdminCalls } from './admin-calls';
import { Needs, OpenApiController } from './open-api-route';
import { queryOf } from './request-parts';

const NAMESPACE_ROLES = ['ModifyNamespace', 'ReleaseNamespace'];
const CLUSTER_ROLES = ['ModifyNamespacesInCluster', 'ReleaseNamespacesInCluster'];
/** What an app's master may do in Apollo (its app-level permissions). */
const MASTER_PERMISSIONS = ['CreateCluster', 'CreateNamespace', 'AssignRole'];
const SUPER_ADMIN_ONLY = 'Super admin permission is required';

const NONE = { appId: '', env: '', clusterName: '', namespaceName: '' };

function userInfo(user: PortalUserEntity | GrantView, found?: PortalUserEntity) {
  const entity = found ?? (user as PortalUserEntity);
  return {
    userId: 'username' in user ? user.username : '',
    name: entity.displayName || entity.username,
    email: entity.email ?? '',
    enabled: entity.isEnabled ? 1 : 0,
  };
}

/**
 * Apollo's Open API: who holds which role on an app, and giving or taking roles. The roles are
 * the portal's own (see Roles in the README). A consumer manages an app's roles with a grant on
 * the whole app; system roles (create-application, app-master managers) are a super
 * administrator's, which a consumer never is (403, as in Apollo).
 */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1')
export class OpenApiPermissionsController {
  constructor(
    @Inject(AdminCalls) private readonly calls: AdminCalls,
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  // ---- checks for one user ----

  @Get('permissions/root')
  @Needs('token')
  @ApiOperation({ summary: 'Whether ?userId= is a super administrator' })
  async root(@Req() request: FastifyRequest) {
    const user = await this.user(queryOf(request)['userId']);
    return { hasPermission: user.isSuperAdmin };
  }

  @Get('apps/:appId/permissions/:permissionType')
  @Needs('read')
  @ApiOperation({
    summary: 'Whether ?userId= holds an app permission (CreateCluster, CreateNamespace, AssignRole)',
  })
  async appPermission(
    @Param('appId') appId: string,
    @Param('permissionType') type: string,
    @Req() request: FastifyRequest,
  ) {
    return this.check(
      request,
      (grant) => MASTER_PERMISSIONS.includes(type) && grant.role === 'Master' && grant.appId === appId,
    );
  }

  @Get('apps/:appId/namespaces/:namespaceName/permissions/:permissionType')
  @Needs('read')
  @ApiOperation({ summary: 'Whether ?userId= may modify or release the namespace in every environment' })
  async namespacePermission(
    @Param('appId') appId: string,
    @Param('namespaceName') namespace: string,
    @Param('permissionType') type: string,
    @Req() request: FastifyRequest,
  ) {
    return this.check(
      request,
      (grant) =>
        grant.role === type && grant.appId === appId && grant.namespaceName === namespace && grant.env === '',
    );
  }

  @Get('apps/:appId/envs/:env/namespaces/:namespaceName/permissions/:permissionType')
  @Needs('read')
  @ApiOperation({ summary: 'Whether ?userId= may modify or release the namespace in that environment' })
  async envNamespacePermission(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('namespaceName') namespace: string,
    @Param('permissionType') type: string,
    @Req() request: FastifyRequest,
  ) {
    const name = this.env(env);
    return this.check(
      request,
      (grant) =>
        grant.role === type &&
        grant.appId === appId &&
        grant.namespaceName === namespace &&
        grant.env === name,
    );
  }

  @Get('apps/:appId/envs/:env/clusters/:clusterName/namespaces/permissions/:permissionType')
  @Needs('read')
  @ApiOperation({ summary: 'Whether ?userId= may modify or release every namespace of the cluster' })
  async clusterPermission(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Param('permissionType') type: string,
    @Req() request: FastifyRequest,
  ) {
    const name = this.env(env);
    return this.check(
      request,
      (grant) =>
        grant.role === type && grant.appId === appId && grant.env === name && grant.clusterName === cluster,
    );
  }

  @Get('system/roles/create-application')
  @Needs('token')
  @ApiOperation({ summary: 'Whether ?userId= may create apps' })
  async mayCreateApplication(@Req() request: FastifyRequest) {
    const user = await this.user(queryOf(request)['userId']);
    const grants = await this.grants.grantsOf(user.id);
    return {
      hasCreateApplicationPermission: allows(
        { isSuperAdmin: user.isSuperAdmin, grants },
        { kind: 'create-app' },
      ),
    };
  }

  @Get('system/role/manage-app-master')
  @Needs('token')
  @ApiOperation({
    summary:
      "Whether granting Master is limited to app-master managers (never, in Houston: an app's masters grant it)",
  })
  manageAppMasterEnabled() {
    return { isManageAppMasterPermissionEnabled: false };
  }

  // ---- who holds the app's roles ----

  @Get('apps/:appId/role-users')
  @Needs('read')
  @ApiOperation({ summary: "The app's masters" })
  async appRoles(@Param('appId') appId: string) {
    const grants = (await this.grants.forApp(appId)).filter((grant) => grant.role === 'Master');
    return { appId, masterUsers: await this.infos(grants) };
  }

  @Get('apps/:appId/namespaces/:namespaceName/role-users')
  @Needs('read')
  @ApiOperation({ summary: 'Who may modify and release the namespace in every environment' })
  async namespaceRoles(@Param('appId') appId: string, @Param('namespaceName') namespace: string) {
    const grants = (await this.grants.forApp(appId)).filter(
      (grant) => grant.namespaceName === namespace && grant.env === '',
    );
    return { appId, namespaceName: namespace, ...(await this.modifyAndRelease(grants, NAMESPACE_ROLES)) };
  }

  @Get('apps/:appId/envs/:env/namespaces/:namespaceName/role-users')
  @Needs('read')
  @ApiOperation({ summary: 'Who may modify and release the namespace in that environment' })
  async envNamespaceRoles(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('namespaceName') namespace: string,
  ) {
    const name = this.env(env);
    const grants = (await this.grants.forApp(appId)).filter(
      (grant) => grant.namespaceName === namespace && grant.env === name,
    );
    return {
      appId,
      namespaceName: namespace,
      env: name,
      ...(await this.modifyAndRelease(grants, NAMESPACE_ROLES)),
    };
  }

  @Get('apps/:appId/envs/:env/clusters/:clusterName/namespaces/role-users')
  @Needs('read')
  @ApiOperation({ summary: 'Who may modify and release every namespace of the cluster' })
  async clusterRoles(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
  ) {
    const name = this.env(env);
    const grants = (await this.grants.forApp(appId)).filter(
      (grant) => grant.clusterName === cluster && grant.env === name,
    );
    return { appId, env: name, cluster, ...(await this.modifyAndRelease(grants, CLUSTER_ROLES)) };
  }

  // ---- giving and taking roles (a grant on the whole app) ----

  @Post('apps/:appId/roles/:roleType')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give ?userId= an app role (Master); ?operator= required' })
  async assignAppRole(
    @Param('appId') appId: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    await this.assign(request, this.roleOf(role, ['Master']), { ...NONE, appId });
  }

  @Delete('apps/:appId/roles/:roleType')
  @Needs('app')
  @ApiOperation({ summary: 'Take an app role from ?userId=; ?operator= required' })
  async removeAppRole(
    @Param('appId') appId: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    await this.remove(request, this.roleOf(role, ['Master']), { ...NONE, appId });
  }

  @Post('apps/:appId/namespaces/:namespaceName/roles/:roleType')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give ?userId= ModifyNamespace or ReleaseNamespace in every environment' })
  async assignNamespaceRole(
    @Param('appId') appId: string,
    @Param('namespaceName') namespace: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    await this.assign(request, this.roleOf(role, NAMESPACE_ROLES), {
      ...NONE,
      appId,
      namespaceName: namespace,
    });
  }

  @Delete('apps/:appId/namespaces/:namespaceName/roles/:roleType')
  @Needs('app')
  @ApiOperation({ summary: 'Take ModifyNamespace or ReleaseNamespace (every environment) from ?userId=' })
  async removeNamespaceRole(
    @Param('appId') appId: string,
    @Param('namespaceName') namespace: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    await this.remove(request, this.roleOf(role, NAMESPACE_ROLES), {
      ...NONE,
      appId,
      namespaceName: namespace,
    });
  }

  @Post('apps/:appId/envs/:env/namespaces/:namespaceName/roles/:roleType')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give ?userId= ModifyNamespace or ReleaseNamespace in one environment' })
  async assignEnvNamespaceRole(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('namespaceName') namespace: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    const grant = { ...NONE, appId, env: this.env(env), namespaceName: namespace };
    await this.assign(request, this.roleOf(role, NAMESPACE_ROLES), grant);
  }

  @Delete('apps/:appId/envs/:env/namespaces/:namespaceName/roles/:roleType')
  @Needs('app')
  @ApiOperation({ summary: 'Take ModifyNamespace or ReleaseNamespace in one environment from ?userId=' })
  async removeEnvNamespaceRole(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('namespaceName') namespace: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    const grant = { ...NONE, appId, env: this.env(env), namespaceName: namespace };
    await this.remove(request, this.roleOf(role, NAMESPACE_ROLES), grant);
  }

  @Post('apps/:appId/envs/:env/clusters/:clusterName/roles/:roleType')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give ?userId= ModifyNamespacesInCluster or ReleaseNamespacesInCluster' })
  async assignClusterRole(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    const grant = { ...NONE, appId, env: this.env(env), clusterName: cluster };
    await this.assign(request, this.roleOf(role, CLUSTER_ROLES), grant);
  }

  @Delete('apps/:appId/envs/:env/clusters/:clusterName/roles/:roleType')
  @Needs('app')
  @ApiOperation({ summary: 'Take ModifyNamespacesInCluster or ReleaseNamespacesInCluster from ?userId=' })
  async removeClusterRole(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Param('roleType') role: string,
    @Req() request: FastifyRequest,
  ) {
    const grant = { ...NONE, appId, env: this.env(env), clusterName: cluster };
    await this.remove(request, this.roleOf(role, CLUSTER_ROLES), grant);
  }

  @Post('apps/:appId/namespaces/:namespaceName/permission-init')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Apollo creates a namespace's role records here; Houston's roles need none, so this checks and answers 200",
  })
  async initNamespacePermissions(@Req() request: FastifyRequest): Promise<void> {
    await this.calls.operator(queryOf(request)['operator'], 'operator');
  }

  @Post('apps/:appId/envs/:env/clusters/:clusterName/namespaces/permission-init')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Apollo creates a cluster's role records here; Houston's roles need none, so this checks and answers 200",
  })
  async initClusterPermissions(@Param('env') env: string, @Req() request: FastifyRequest): Promise<void> {
    this.env(env);
    await this.calls.operator(queryOf(request)['operator'], 'operator');
  }

  // ---- system roles: a super administrator's, which a consumer never is ----

  @Get('system/roles/create-application/role-users')
  @Needs('token')
  @ApiOperation({
    summary: 'Who may create apps (super administrators only: 403 for a consumer, as in Apollo)',
  })
  createApplicationUsers(): never {
    throw new ForbiddenException(SUPER_ADMIN_ONLY);
  }

  @Post('system/roles/create-application')
  @Needs('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Let users create apps (super administrators only: 403 for a consumer, as in Apollo)',
  })
  addCreateApplication(): never {
    throw new ForbiddenException(SUPER_ADMIN_ONLY);
  }

  @Delete('system/roles/create-application')
  @Needs('token')
  @ApiOperation({
    summary: 'Stop a user creating apps (super administrators only: 403 for a consumer, as in Apollo)',
  })
  removeCreateApplication(): never {
    throw new ForbiddenException(SUPER_ADMIN_ONLY);
  }

  @Post('apps/:appId/roles/master')
  @Needs('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Let a user grant Master (super administrators only: 403 for a consumer, as in Apollo)',
  })
  addManageAppMaster(): never {
    throw new ForbiddenException(SUPER_ADMIN_ONLY);
  }

  @Delete('apps/:appId/roles/master')
  @Needs('token')
  @ApiOperation({
    summary: 'Stop a user granting Master (super administrators only: 403 for a consumer, as in Apollo)',
  })
  removeManageAppMaster(): never {
    throw new ForbiddenException(SUPER_ADMIN_ONLY);
  }

  // ---- helpers ----

  private env(env: string): string {
    const name = env.toUpperCase();
    if (!this.calls.gateway.names().includes(name))
      throw new BadRequestException(`invalid env format:${env}`);
    return name;
  }

  private roleOf(role: string, allowed: readonly string[]): string {
    if (!allowed.includes(role)) throw new BadRequestException(`invalid roleType format:${role}`);
    return role;
  }

  private async user(userId: string | undefined): Promise<PortalUserEntity> {
    if (userId === undefined || userId.trim() === '')
      throw new BadRequestException('userId should not be null or empty');
    const user = await this.users.findByName(userId);
    if (!user) throw new BadRequestException(`user not exists for userName:${userId}`);
    return user;
  }

  private async check(request: FastifyRequest, matches: (grant: Grant) => boolean) {
    const user = await this.user(queryOf(request)['userId']);
    if (user.isSuperAdmin) return { hasPermission: true };
    return { hasPermission: (await this.grants.grantsOf(user.id)).some(matches) };
  }

  private async infos(grants: GrantView[]) {
    const out = [];
    for (const grant of grants) {
      const user = await this.users.findByName(grant.username);
      if (user) out.push(userInfo(grant, user));
    }
    return out;
  }

  private async modifyAndRelease(grants: GrantView[], [modify, release]: readonly string[]) {
    return {
      modifyRoleUsers: await this.infos(grants.filter((grant) => grant.role === modify)),
      releaseRoleUsers: await this.infos(grants.filter((grant) => grant.role === release)),
    };
  }

  private async assign(request: FastifyRequest, role: string, scope: Omit<Grant, 'role'>): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const user = await this.user(queryOf(request)['userId']);
    const added = await this.grants.add(user, { role, ...scope }, operator, true);
    if (!added) throw new BadRequestException(`${user.username} already authorized`);
  }

  private async remove(request: FastifyRequest, role: string, scope: Omit<Grant, 'role'>): Promise<void> {
    await this.calls.operator(queryOf(request)['operator'], 'operator');
    const user = await this.user(queryOf(request)['userId']);
    const held = (await this.grants.forApp(scope.appId)).find(
      (grant) =>
        grant.username === user.username &&
        grant.role === role &&
        grant.env === scope.env &&
        grant.clusterName === scope.clusterName &&
        grant.namespaceName === scope.namespaceName,
    );
    // Taking a role nobody holds changes nothing, as in Apollo.
    if (held) await this.grants.remove(scope.appId, held.id);
  }
}
