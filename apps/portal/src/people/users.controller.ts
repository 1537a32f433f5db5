import { Body, Controller, Get, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn, SuperAdminOnly } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import { SessionService, type SignedInUser } from '../sessions/session.service';
import { verifyPassword } from './password-hash';
import { ChangePasswordDto, CreateUserDto, toUserDto, UserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('people')
@Controller('api')
export class UsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionService) private readonly sessions: SessionService,
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
