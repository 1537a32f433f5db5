import { BadRequestException, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UsersService } from '../people/users.service';
import { GrantsService } from '../permissions/grants.service';
import { Requires } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { ConfigForwarder } from './config-forwarder';

@ApiTags('apps')
@Controller('api/envs/:env/apps')
export class AppsController {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(GrantsService) private readonly grants: GrantsService,
  ) {}

  @Get()
  @Requires('read')
  @ApiOperation({ summary: 'Apps of this environment' })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(':appId')
  @Requires('read')
  @ApiOperation({ summary: 'One app' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  /**
   * Creates the app in this environment (create-application permission). Its owner
   * (`ownerName`, default: you) and `admins` must be portal users; they become its masters.
   */
  @Post()
  @Requires('create-app')
  @ApiOperation({ summary: 'Create an app; its owner and admins become app masters' })
  async create(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() signedIn: SignedInUser,
  ) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ownerName = body['ownerName'] ?? signedIn.user.username;
    const admins = body['admins'] ?? [];
    if (
      typeof ownerName !== 'string' ||
      !Array.isArray(admins) ||
      admins.some((a) => typeof a !== 'string')
    ) {
      throw new BadRequestException('ownerName must be a user name and admins a list of user names');
    }
    const masters = [];
    for (const name of new Set([ownerName, ...(admins as string[])])) {
      const user = await this.users.findByName(name);
      if (!user) throw new BadRequestException(`${name} is not a portal user`);
      masters.push(user);
    }
    const { admins: _admins, ...forwarded } = body;
    const answer = await this.forwarder.call(request, {
      path: '/apps',
      body: { ...forwarded, ownerName: masters[0]!.username },
    });
    if (answer.status < 300 && typeof forwarded['appId'] === 'string') {
      for (const master of masters) {
        await this.grants.add(
          master,
          { role: 'Master', appId: forwarded['appId'], env: '', clusterName: '', namespaceName: '' },
          signedIn.user.username,
          true,
        );
      }
    }
    return this.forwarder.answer(request, reply, answer);
  }
}
