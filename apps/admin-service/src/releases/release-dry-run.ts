import { configurationsOf, DomainError, isDomainError, type NamespaceFormat } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateNamespace, type NamespaceAddress } from '../namespaces/namespace-locator';
import type { ReleaseCheckDto, ReleaseDryRunDto } from './release-checks.dto';
import { ReleaseChecks } from './release-checks';
import { ReleaseQueryService } from './release-query.service';

const DOCUMENT_FORMATS = new Set<NamespaceFormat>(['json', 'yaml', 'yml', 'xml']);

/**
 * What a release of the namespace now would publish (the diff against the active release) and
 * the checks it would have to pass, without publishing: one report for the API, the CLI
 * (`houston release --dry-run`) and the portal.
 */
@Injectable()
export class ReleaseDryRun {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly queries: ReleaseQueryService,
    private readonly checks: ReleaseChecks,
  ) {}

  async run(address: NamespaceAddress, operator: string): Promise<ReleaseDryRunDto> {
    const repos = this.options.database.repos;
    const located = await locateNamespace(repos, address);
    if (located.cluster.parentClusterId !== 0) {
      throw new DomainError(
        'CONFLICT',
        `${address.cluster} is a gray branch: a dry run covers main releases`,
        {
          cluster: address.cluster,
        },
      );
    }
    const unreleased = await this.queries.unreleased(address);
    const current = configurationsOf(await repos.items.listByNamespace(located.namespace.id));
    const checks: ReleaseCheckDto[] = [];
    const format = located.definition.format as NamespaceFormat;
    if (DOCUMENT_FORMATS.has(format)) checks.push(await this.syntax(format, current['content'] ?? ''));
    const { schema, verdicts } = await this.checks.run(repos, {
      located,
      next: current,
      what: 'the release',
      operator,
      dryRun: true,
    });
    if (schema) {
      checks.push({
        name: 'schema',
        passed: schema.violations.length === 0,
        problems: schema.violations,
        schemaVersion: schema.version,
      });
    }
    if (verdicts.length > 0) {
      const vetoes = verdicts.filter((verdict) => !verdict.allowed);
      checks.push({
        name: 'webhook',
        passed: vetoes.length === 0,
        problems: vetoes.map((veto) => ({
          path: '$',
          message: `webhook ${veto.webhookId}: ${veto.message}`,
        })),
      });
    }
    return { ...unreleased, wouldPublish: checks.every((check) => check.passed), checks };
  }

  private async syntax(format: NamespaceFormat, content: string): Promise<ReleaseCheckDto> {
    try {
      await this.options.documents.check(format, content);
      return { name: 'syntax', passed: true, problems: [] };
    } catch (error) {
      if (!isDomainError(error, 'INVALID_DOCUMENT')) throw error;
      return { name: 'syntax', passed: false, problems: [{ path: '$', message: error.message }] };
    }
  }
}
