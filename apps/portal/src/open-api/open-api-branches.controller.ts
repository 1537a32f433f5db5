import {
  BadRequestException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, refusal } from './admin-calls';
import { ReviewGate } from './review-gate';
import { consumerMay } from './consumer-rules';
import { consumerOf } from './consumer-token.guard';
import {
  adminGrayRuleItems,
  adminReleaseBody,
  toOpenGrayRule,
  toOpenNamespace,
  toOpenRelease,
} from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { booleanParam, bodyOf, queryOf } from './request-parts';

const BRANCHES = 'openapi/v1/envs/:env/apps/:appId/clusters/:clusterName/namespaces/:namespaceName/branches';

interface At {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  branchName?: string;
}

function branchesPath(at: At): string {
  return `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/branches`;
}

function branchPath(at: At): string {
  return `${branchesPath(at)}/${encodeURIComponent(at.branchName!)}`;
}

/** Apollo's Open API: gray branches, their rules, gray releases and merging. */
@ApiTags('open api')
@OpenApiController()
@Controller(BRANCHES)
export class OpenApiBranchesController {
  constructor(
    @Inject(AdminCalls) private readonly calls: AdminCalls,
    @Inject(ReviewGate) private readonly review: ReviewGate,
  ) {}

  @Get()
  @Needs('read')
  @ApiOperation({
    summary: "The namespace's gray branch as a namespace (clusterName is the branch); empty when none",
  })
  async find(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const answer = await this.calls.answer(at.env, { method: 'GET', path: branchesPath(at) });
    if (answer.status === 404) {
      // No branch: Apollo answers nothing. A namespace that does not exist is still a 404.
      await this.calls.get(at.env, namespacePath(at.appId, at.clusterName, at.namespaceName));
      return undefined;
    }
    if (answer.status !== 200) throw refusal(answer);
    return this.branchNamespace(at, (answer.body as { branchName: string }).branchName);
  }

  @Post()
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create the gray branch (a grant on the whole app); answers the branch namespace',
  })
  async create(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const branch = (await this.calls.call(at.env, {
      method: 'POST',
      path: branchesPath(at),
      body: {},
      operator,
    })) as {
      branchName: string;
    };
    return this.branchNamespace(at, branch.branchName);
  }

  @Delete(':branchName')
  @Needs('modify')
  @ApiOperation({
    summary: 'Abandon the branch (release grant, or modify grant while it has no gray release)',
  })
  async remove(@Req() request: FastifyRequest): Promise<void> {
    const at = request.params as At;
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const grants = consumerOf(request).grants;
    const scope = { appId: at.appId, namespaceName: at.namespaceName, env: at.env.toUpperCase() };
    if (!consumerMay(grants, { kind: 'release', ...scope })) {
      const branch = (await this.calls.get(at.env, branchesPath(at))) as { releaseId?: number };
      if (branch.releaseId) {
        throw new ForbiddenException(
          'Forbidden operation: the branch has a gray release, so abandoning it needs the release grant',
        );
      }
    }
    await this.calls.call(at.env, {
      method: 'DELETE',
      path: branchPath(at),
      operator,
    });
  }

  @Get(':branchName/rules')
  @Needs('read')
  @ApiOperation({ summary: "The branch's gray rules" })
  async rules(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const branch = (await this.calls.get(at.env, branchesPath(at))) as { branchName?: string };
    if (branch.branchName !== at.branchName) {
      throw new BadRequestException(`namespace ${at.namespaceName} has no branch ${at.branchName}`);
    }
    return toOpenGrayRule(branch);
  }

  @Put(':branchName/rules')
  @Needs('modify')
  @ApiOperation({
    summary: 'Set the gray rules (the whole OpenGrayReleaseRuleDTO is accepted); ?operator= required',
  })
  async updateRules(@Req() request: FastifyRequest): Promise<void> {
    const at = request.params as At;
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(at.env, {
      method: 'PUT',
      path: `${branchPath(at)}/rules`,
      body: { ruleItems: adminGrayRuleItems(bodyOf(request)) },
      operator,
    });
  }

  @Post(':branchName/releases')
  @Needs('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gray release: publish the branch to the clients its rules pick' })
  async grayRelease(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const body = bodyOf(request);
    const operator = await this.calls.operator(
      queryOf(request)['operator'] ?? body['releasedBy'],
      'releasedBy',
    );
    if (typeof body['releaseTitle'] !== 'string' || body['releaseTitle'] === '') {
      throw new BadRequestException('Params(releaseTitle) can not be empty');
    }
    return toOpenRelease(
      await this.calls.call(at.env, {
        method: 'POST',
        path: `${branchPath(at)}/releases`,
        body: adminReleaseBody(body),
        operator,
      }),
    );
  }

  @Post(':branchName/gray-del-releases')
  @Needs('release')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Gray release without some keys: grayDelKeys are removed from the branch, then the branch is gray-released',
  })
  async grayDelRelease(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const body = bodyOf(request);
    const operator = await this.calls.operator(
      queryOf(request)['operator'] ?? body['releasedBy'],
      'releasedBy',
    );
    if (typeof body['releaseTitle'] !== 'string' || body['releaseTitle'] === '') {
      throw new BadRequestException('Params(releaseTitle) can not be empty');
    }
    const keys = Array.isArray(body['grayDelKeys'])
      ? body['grayDelKeys'].filter((k) => typeof k === 'string')
      : [];
    if (keys.length > 1000) throw new BadRequestException('at most 1000 grayDelKeys');
    const branchItems = `${namespacePath(at.appId, at.branchName!, at.namespaceName)}/items`;
    for (const key of keys as string[]) {
      const answer = await this.calls.answer(at.env, {
        method: 'DELETE',
        path: `${branchItems}/${encodeURIComponent(key)}`,
        operator,
      });
      if (answer.status >= 300 && answer.status !== 404) throw refusal(answer);
    }
    return toOpenRelease(
      await this.calls.call(at.env, {
        method: 'POST',
        path: `${branchPath(at)}/releases`,
        body: adminReleaseBody(body),
        operator,
      }),
    );
  }

  @Post(':branchName/merge')
  @Needs('release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge the branch into the main namespace and release it (?deleteBranch=true|false)',
  })
  merge(@Req() request: FastifyRequest) {
    return this.mergeBranch(request);
  }

  @Post(':branchName')
  @Needs('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge the branch (the same as …/merge)' })
  mergeOnBranch(@Req() request: FastifyRequest) {
    return this.mergeBranch(request);
  }

  private async mergeBranch(request: FastifyRequest) {
    const at = request.params as At;
    const body = bodyOf(request);
    const query = queryOf(request);
    const operator = await this.calls.operator(query['operator'] ?? body['releasedBy'], 'releasedBy');
    const deleteBranch = booleanParam(query['deleteBranch'], 'deleteBranch', true);
    // A merge publishes to every client: it passes the same review gate as a release.
    await this.review.check(at.env, at.appId, body['isEmergencyPublish'] === true);
    return toOpenRelease(
      await this.calls.call(at.env, {
        method: 'POST',
        path: `${branchPath(at)}/merge`,
        body: { ...adminReleaseBody(body), deleteBranch },
        operator,
      }),
    );
  }

  private async branchNamespace(at: At, branchName: string) {
    return toOpenNamespace(
      await this.calls.get(at.env, namespacePath(at.appId, branchName, at.namespaceName)),
    );
  }
}
