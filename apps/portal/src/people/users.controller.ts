import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn, SuperAdminOnly } from '../sessions/access';
import { ConsumersService } from '../open-api/consumers.service';
import { CurrentUser } from '../sessions/current-user';
import { SessionService, type SignedInUser } from '../sessions/session.service';
import { AppOwners } from './app-owners.service';
import { ownedAppsRefusal } from './owned-apps';
import { verifyPassword } from './password-hash';
import { ChangePasswordDto, CreateUserDto, SetUserEnabledDto, toUserDto, UserDto } from './user.dto';
import { normalizeUsername } from './user-names';
import { UsersService } from './users.service';

@ApiTags('people')
@Controller('api')
export class UsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AppOwners) private readonly owners: AppOwners,
    @Inject(ConsumersService) private readonly consumers: ConsumersService,
  ) {}

  @Get('users')
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Every local account' })
  @ApiOkResponse({ type: UserDto, isArray: true })
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  @Post('users')
  @SuperAdminOnly()
  @ApiOperation({ summary: 'Create a local account' })
  @ApiOkResponse({ type: UserDto })
  async create(@Body() body: CreateUserDto, @CurrentUser() signedIn: SignedInUser): Promise<UserDto> {
    return toUserDto(await this.users.create({ ...body, createdBy: signedIn.user.username }));
  }

  @Delete('users/:username')
  @SuperAdminOnly()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete an account with its favourites, recently visited apps, roles, OIDC identities and sessions (one transaction; its pending review requests are withdrawn); not one’s own, nor one that still owns apps or Open API consumers (409 naming them: transfer them first)',
  })
  async delete(@Param('username') username: string, @CurrentUser() signedIn: SignedInUser): Promise<void> {
    const name = normalizeUsername(username);
    if (name === signedIn.user.username) {
      throw new ConflictException('you cannot delete your own account');
    }
    if (!(await this.users.findByName(name))) throw new NotFoundException(`user ${username} does not exist`);
    const refusal = ownedAppsRefusal(
      name,
      await this.owners.ownedBy(name),
      (await this.consumers.ownedBy(name)).map((consumer) => consumer.appId),
    );
    if (refusal) throw refusal;
    const deleted = await this.users.delete(name, signedIn.user.username);
    // After the commit, so that a sign-in racing the deletion is ended too.
    await this.sessions.endAllOf(deleted.id);
  }

  @Put('users/:username/enabled')
  @SuperAdminOnly()
  @ApiOperation({
    summary:
      'Enable or disable an account: a disabled one cannot sign in (password or OIDC) and its sessions end; its roles, apps and history stay. Not one’s own.',
  })
  @ApiOkResponse({ type: UserDto })
  async setEnabled(
    @Param('username') username: string,
    @Body() body: SetUserEnabledDto,
    @CurrentUser() signedIn: SignedInUser,
  ): Promise<UserDto> {
    if (!body.enabled && normalizeUsername(username) === signedIn.user.username) {
      throw new ConflictException('you cannot disable your own account');
    }
    const user = await this.users.setEnabled(username, body.enabled);
    // Sessions of a disabled account are refused already; ending them means enabling it again
    // does not bring back a session someone may have left open.
    if (!body.enabled) await this.sessions.endAllOf(user.id);
    return toUserDto(user);
  }

  @Post('me/password')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() signedIn: SignedInUser,
  ): Promise<void> {
    if (!(await verifyPassword(body.currentPassword, signedIn.user.passwordHash))) {
      throw new UnauthorizedException('the current password is wrong');
    }
    await this.users.changePassword(signedIn.user, body.newPassword);
    await this.sessions.endOthers(signedIn.session);
  }
}
