import {
  Controller,
  Get,
  HttpException,
  Inject,
  NotFoundException,
  Query,
  Req,
  Res,
  BadRequestException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OIDC_CLIENT, PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { Public } from '../sessions/access';
import { readCookie, sessionCookie } from '../sessions/session-cookie';
import { SessionService } from '../sessions/session.service';
import { OidcAccounts } from './oidc-accounts';
import { OidcClient, OidcSignInError } from './oidc-client';
import {
  OIDC_COOKIE,
  openTransaction,
  safeReturnTo,
  sealTransaction,
  transactionCookie,
} from './oidc-transaction';

export class SignInOptionsDto {
  @ApiProperty({ description: 'POST /api/login with a user name and password' }) local!: boolean;
  @ApiProperty({ description: 'GET /api/oidc/login sends the browser to the identity provider' })
  oidc!: boolean;
}

@ApiTags('session')
@Controller('api')
export class OidcController {
  constructor(
    @Inject(OIDC_CLIENT) private readonly oidc: OidcClient | null,
    @Inject(OidcAccounts) private readonly accounts: OidcAccounts,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  @Get('sign-in-options')
  @Public()
  @ApiOperation({ summary: 'Which ways of signing in this portal offers' })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): SignInOptionsDto {
    return { local: this.settings.localLogin, oidc: this.oidc !== null };
  }

  @Get('oidc/login')
  @Public()
  @ApiOperation({ summary: 'Start an OIDC sign-in: 302 to the identity provider' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A portal path to land on afterwards' })
  async login(@Query('returnTo') returnTo: unknown, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.client();
    const { url, transaction } = await this.attempt(() => oidc.start(safeReturnTo(returnTo)));
    await reply
      .header(
        'set-cookie',
        transactionCookie(
          sealTransaction(transaction, this.settings.sessionSecret),
          this.settings.cookieSecure,
        ),
      )
      .header('cache-control', 'no-store')
      .redirect(url, 302);
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({
    summary:
      'Where the identity provider sends the browser back: checks state, nonce and PKCE, signs in (the session cookie) and 302s to returnTo',
  })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.client();
    // One attempt per transaction: the cookie goes whatever happens next.
    void reply.header('set-cookie', transactionCookie('', this.settings.cookieSecure));
    const transaction = openTransaction(
      readCookie(request.headers.cookie, OIDC_COOKIE),
      this.settings.sessionSecret,
    );
    if (!transaction) {
      throw new BadRequestException(
        'no sign-in is in progress in this browser, or it took too long; start again at /api/oidc/login',
      );
    }
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const identity = await this.attempt(() => oidc.finish(query, transaction));
    const user = await this.accounts.userOf(identity);
    const session = await this.sessions.create(user);
    await reply
      .header(
        'set-cookie',
        sessionCookie(session.cookieValue, {
          maxAgeSeconds: Math.floor(this.settings.sessionTtlMs / 1000),
          secure: this.settings.cookieSecure,
        }),
      )
      .header('cache-control', 'no-store')
      .redirect(transaction.returnTo, 302);
  }

  private client(): OidcClient {
    if (!this.oidc) throw new NotFoundException('OIDC sign-in is not configured on this portal');
    return this.oidc;
  }

  private async attempt<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof OidcSignInError) throw new HttpException(error.message, error.status);
      throw error;
    }
  }
}
