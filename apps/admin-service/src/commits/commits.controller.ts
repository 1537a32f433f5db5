import { maskSecretsDeep } from '@houston/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Inject } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { PageQueryDto } from '../common/page-query.dto';
import { locateNamespace } from '../namespaces/namespace-locator';

export class CommitDto {
  @ApiProperty() id!: number;
  @ApiProperty({
    description: 'Apollo change sets: createItems, updateItems ({oldItem,newItem}), deleteItems',
  })
  changeSets!: unknown;
  @ApiProperty() comment!: string;
  @ApiProperty() dataChangeCreatedBy!: string;
  @ApiProperty() dataChangeCreatedTime!: string;
}

@ApiTags('items')
@Controller('apps/:appId/clusters/:cluster/namespaces/:namespace/commits')
export class CommitsController {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  @Get()
  @ApiOperation({ operationId: 'listCommits', summary: 'Every edit of the namespace, newest first' })
  @ApiOkResponse({ type: CommitDto, isArray: true })
  async list(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<CommitDto[]> {
    const repos = this.options.database.repos;
    const { namespace: ns } = await locateNamespace(repos, { appId, cluster, namespace });
    const commits = await repos.commits.listByNamespace(
      ns.appId,
      ns.clusterName,
      ns.namespaceName,
      page,
      size,
    );
    return commits.map((commit) => ({
      id: commit.id,
      changeSets: maskSecretsDeep(JSON.parse(commit.changeSets) as unknown),
      comment: commit.comment,
      dataChangeCreatedBy: commit.createdBy,
      dataChangeCreatedTime: commit.createdAt.toISOString(),
    }));
  }
}
