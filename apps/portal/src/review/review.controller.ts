import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { DomainError } from '@houston/domain';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigForwarder } from '../config/config-forwarder';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { allows } from '../permissions/permission-rules';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { Requires, SignedIn } from '../sessions/access';
import { CurrentUser, valuesHidden } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { ApproveReview } from './approve-review';
import { RejectReview } from './reject-review';
import { RequestReview } from './request-review';
import { reviewRequestView } from './review-request.view';
import { ReviewRequestsStore } from './review-requests.store';
import { reviewRequired, reviewsOwnRequest, type ReviewStatus } from './review-rules';
import { ValueVisibility } from './value-visibility';
import { WithdrawReview } from './withdraw-review';

const NAMESPACE = 'api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace';
const STATUSES: ReviewStatus[] = ['PENDING', 'PUBLISHING', 'PUBLISHED', 'REJECTED', 'STALE', 'WITHDRAWN'];
/** A badge counts at most this many pending requests. */
const PENDING_LIMIT = 1000;

export class RequestReleaseDto {
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) releaseTitle?: string;
  @ApiPropertyOptional({ maxLength: 256 }) @IsOptional() @IsString() @MaxLength(256) releaseComment?: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: 256 }) @IsOptional() @IsString() @MaxLength(256) comment?: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: 256, description: 'Why (optional)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  comment?: string;
}

export class RejectDto {
  @ApiProperty({ maxLength: 256, description: 'Why (required)' })
  @IsString()
  @Length(1, 256)
  comment!: string;
}

export class ReviewPolicyDto {
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: "true/false: this app's choice in this environment; null: follow HOUSTON_PORTAL_REVIEW_ENVS",
  })
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  required!: boolean | null;
}

export class ReviewListQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: ReviewStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) env?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) appId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) requestedBy?: string;
  @ApiPropertyOptional({ description: 'true: only pending requests you may approve (not yours)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  reviewable?: 'true' | 'false';
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) page?: number;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  size?: number;
}

/** Review requests of one namespace: ask, approve, reject, withdraw. */
@ApiTags('review')
@Controller(`${NAMESPACE}/review-requests`)
export class NamespaceReviewController {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(RequestReview) private readonly requestReview: RequestReview,
    @Inject(ApproveReview) private readonly approveReview: ApproveReview,
    @Inject(RejectReview) private readonly rejectReview: RejectReview,
    @Inject(WithdrawReview) private readonly withdrawReview: WithdrawReview,
  ) {}

  @Post()
  @Requires('request-release')
  @ApiOperation({ summary: 'Ask for a release another releaser approves (modify or release permission)' })
  async create(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: RequestReleaseDto,
  ) {
    const outcome = await this.requestReview.execute(request, body);
    if ('refused' in outcome) return this.forwarder.answer(request, reply, outcome.refused);
    void reply.code(201);
    return reviewRequestView(outcome.created, valuesHidden(request));
  }

  @Post(':id/approve')
  @Requires('release')
  @ApiOperation({
    summary:
      'Approve and publish (release permission; not your own request; 409 when the namespace changed since)',
  })
  async approve(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: ApproveDto,
  ) {
    const outcome = await this.approveReview.execute(request, body.comment ?? '');
    if ('refused' in outcome) return this.forwarder.answer(request, reply, outcome.refused);
    void reply.code(200);
    return reviewRequestView(outcome.published, valuesHidden(request));
  }

  @Post(':id/reject')
  @Requires('release')
  @ApiOperation({ summary: 'Reject with a comment (release permission; not your own request)' })
  async reject(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: RejectDto,
  ) {
    const rejected = await this.rejectReview.execute(request, body.comment);
    void reply.code(200);
    return reviewRequestView(rejected, valuesHidden(request));
  }

  @Post(':id/withdraw')
  @Requires('request-release')
  @ApiOperation({
    summary:
      'Withdraw your own pending request (WITHDRAWN; 403 for anyone else, 409 once it is no longer pending)',
  })
  async withdraw(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: WithdrawDto,
  ) {
    const withdrawn = await this.withdrawReview.execute(request, body.comment ?? '');
    void reply.code(200);
    return reviewRequestView(withdrawn, valuesHidden(request));
  }
}

/** Review requests across apps (lists, badge), and each app's review choice per environment. */
@ApiTags('review')
@Controller('api')
export class ReviewRequestsController {
  constructor(
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
    @Inject(ValueVisibility) private readonly visibility: ValueVisibility,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  @Get('review-requests')
  @SignedIn()
  @ApiOperation({
    summary: 'Review requests, newest first, paged; values hidden where you may not see them',
  })
  async list(@Query() query: ReviewListQueryDto, @CurrentUser() signedIn: SignedInUser) {
    const actor = await this.visibility.actorOf(signedIn);
    const page = query.page ?? 0;
    const size = query.size ?? 20;
    const env = query.env ? this.environments.resolve(query.env) : undefined;
    let rows;
    let total;
    if (query.reviewable === 'true') {
      const reviewable = (await this.store.pending(PENDING_LIMIT, query.appId)).filter(
        (row) => (!env || row.env === env) && this.mayApprove(actor, row, signedIn),
      );
      rows = reviewable.slice(page * size, (page + 1) * size);
      total = reviewable.length;
    } else {
      ({ content: rows, total } = await this.store.page({ ...query, env }, page, size));
    }
    const content = rows.map((row) =>
      reviewRequestView(row, this.visibility.hides(actor, row.env, row.appId)),
    );
    return { content, page, size, total };
  }

  @Get('review-requests/badge')
  @SignedIn()
  @ApiOperation({
    summary: 'Pending requests you may approve, and your own pending ones (?appId= for one app)',
  })
  async badge(@Query('appId') appId: string | undefined, @CurrentUser() signedIn: SignedInUser) {
    const actor = await this.visibility.actorOf(signedIn);
    const pending = await this.store.pending(PENDING_LIMIT, appId || undefined);
    return {
      toReview: pending.filter((row) => this.mayApprove(actor, row, signedIn)).length,
      mine: pending.filter((row) => reviewsOwnRequest(row.requestedBy, signedIn.user.username)).length,
    };
  }

  @Get('review-requests/:id')
  @SignedIn()
  @ApiOperation({ summary: 'One review request with the change it would publish' })
  async get(@Param('id', ParseIntPipe) id: number, @CurrentUser() signedIn: SignedInUser) {
    const row = await this.store.find(id);
    if (!row) throw new DomainError('NOT_FOUND', `no review request ${id}`);
    const actor = await this.visibility.actorOf(signedIn);
    return reviewRequestView(row, this.visibility.hides(actor, row.env, row.appId));
  }

  @Get('envs/:env/apps/:appId/review-policy')
  @Requires('read')
  @ApiOperation({ summary: "Whether the app's releases in this environment need review, and why" })
  async policy(@Param('env') env: string, @Param('appId') appId: string) {
    const name = this.environments.resolve(env);
    const appChoice = await this.store.policy(appId, name);
    return {
      env: name,
      appId,
      required: reviewRequired(name, this.settings.reviewEnvs, appChoice),
      appChoice: appChoice ?? null,
      environmentDefault: this.settings.reviewEnvs.includes(name),
      emergencyPublishAllowed: this.settings.emergencyPublishEnvs.includes(name),
    };
  }

  @Put('envs/:env/apps/:appId/review-policy')
  @Requires('master')
  @ApiOperation({
    summary:
      'Turn review on or off for the app in this environment, or null to follow the default (app master)',
  })
  async setPolicy(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Body() body: ReviewPolicyDto,
    @CurrentUser() signedIn: SignedInUser,
  ) {
    await this.store.setPolicy(appId, this.environments.resolve(env), body.required, signedIn.user.username);
    return this.policy(env, appId);
  }

  private mayApprove(
    actor: Awaited<ReturnType<ValueVisibility['actorOf']>>,
    row: { env: string; appId: string; clusterName: string; namespaceName: string; requestedBy: string },
    signedIn: SignedInUser,
  ): boolean {
    return (
      !reviewsOwnRequest(row.requestedBy, signedIn.user.username) &&
      allows(actor, {
        kind: 'release',
        scope: { appId: row.appId, env: row.env, cluster: row.clusterName, namespace: row.namespaceName },
      })
    );
  }
}
