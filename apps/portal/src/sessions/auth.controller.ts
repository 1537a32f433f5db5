import { DomainError } from '@houston/domain';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toUserDto, UserDto } from '../people/user.dto';
import { UsersService } from '../people/users.service';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { Public, SignedIn } from './access';
import { CurrentUser } from './current-user';
import { LoginRateLimiter } from './login-rate-limiter';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { SessionService, type SignedInUser } from './session.service';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @Length(1, 64) username!: string;
  @ApiProperty() @IsString() @Length(1, 128) password!: string;
}

export class SessionDto {
  @ApiProperty() user!: UserDto;
  @ApiProperty({ description: 'Send it back in the X-CSRF-Token header of every write' })
  csrfToken!: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) expiresAt!: number;
}

@ApiTags('session')
@Controller('api')
export class AuthController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(LoginRateLimiter) private readonly limiter: LoginRateLimiter,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: SessionDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    if (!this.settings.localLogin) {
      throw new ForbiddenException('sign-in with a password is turned off here; use GET /api/oidc/login');
    }
    // The connection's address, not X-Forwarded-For, which a client can set to anything.
    const address = request.socket.remoteAddress ?? 'unknown';
    const wait = this.limiter.retryAfterMs(body.username, address);
    if (wait > 0) {
      throw new DomainError('TOO_MANY_REQUESTS', 'too many failed sign-ins; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    const user = await this.users.authenticate(body.username, body.password);
    if (!user) {
      this.limiter.recordFailure(body.username, address);
      throw new UnauthorizedException('wrong user name or password');
    }
    this.limiter.recordSuccess(body.username, address);
    const session = await this.sessions.create(user);
    void reply.header(
      'set-cookie',
      sessionCookie(session.cookieValue, {
        maxAgeSeconds: Math.floor(this.settings.sessionTtlMs / 1000),
        secure: this.settings.cookieSecure,
      }),
    );
    return { user: toUserDto(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  async logout(
    @CurrentUser() signedIn: SignedInUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.end(signedIn.session);
    void reply.header('set-cookie', clearedSessionCookie(this.settings.cookieSecure));
  }

  @Get('session')
  @SignedIn()
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token of this session' })
  @ApiOkResponse({ type: SessionDto })
  session(@CurrentUser() signedIn: SignedInUser): SessionDto {
    return {
      user: toUserDto(signedIn.user),
      csrfToken: signedIn.session.csrfToken,
      expiresAt: signedIn.session.expiresAt,
    };
  }
}
