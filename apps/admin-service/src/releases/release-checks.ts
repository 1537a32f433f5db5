import { DomainError, schemaViolationError } from '@houston/domain';
import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import type { LocatedNamespace } from '../namespaces/namespace-locator';
import { checkAgainstSchema, type SchemaCheck } from '../schemas/enforce-schema';
import type { HookVerdict, RolloutStepContext } from '../webhooks/call-release-webhooks';
import { ReleaseWebhookService, vetoed } from '../webhooks/release-webhooks.service';

/** What is about to reach clients, and how. */
export interface ReleaseCheckRequest {
  /** The main namespace (a gray release's parent). */
  located: LocatedNamespace;
  /** The configuration clients would get. */
  next: Record<string, string>;
  /** Names the release in a refusal: `the release`, `the gray release`, … */
  what: string;
  operator: string;
  dryRun?: boolean;
  /** A gray release (or a rollout's step): its branch, and what the clients it reaches get now. */
  gray?: { branchName: string; previous: () => Promise<Record<string, string>> };
  /** The rollout step this release is, told to the webhooks. */
  rollout?: RolloutStepContext;
}

export interface ReleaseCheckOutcome {
  /** The schema's verdict (null: the namespace has none). */
  schema: SchemaCheck | null;
  /** Each validation webhook's verdict (empty: none registered). */
  verdicts: HookVerdict[];
  /** The refusal the checks amount to: 422 `SCHEMA_VIOLATION` first, else `RELEASE_VETOED`. */
  problem?: DomainError;
}

/**
 * The checks every release passes before clients get it, whoever makes it: a main release, a
 * gray release, a merge, a dry run, and each step and the merge of a rollout. The namespace's
 * JSON schema, then its validation webhooks. Run outside any transaction (a slow hook must not
 * hold the namespace); a caller that publishes compares what was checked with what it publishes.
 */
@Injectable()
export class ReleaseChecks {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly webhooks: ReleaseWebhookService,
  ) {}

  /** Every check's verdict; a failing one is reported in `problem`, never thrown. */
  async run(repos: RepositoryPorts, request: ReleaseCheckRequest): Promise<ReleaseCheckOutcome> {
    const { located, next } = request;
    const schema = await checkAgainstSchema(repos, this.options.documents, located.definition, () => next);
    const verdicts = await this.webhooks.ask(
      repos,
      located,
      next,
      request.operator,
      request.dryRun ?? false,
      request.gray,
      request.rollout,
    );
    const problem =
      schema && schema.violations.length > 0
        ? schemaViolationError(request.what, schema.violations, schema.version)
        : vetoed(verdicts);
    return { schema, verdicts, ...(problem ? { problem } : {}) };
  }

  /** The same, refusing with the problem; answers what the webhooks approved (undefined: no webhooks). */
  async enforce(
    repos: RepositoryPorts,
    request: ReleaseCheckRequest,
  ): Promise<Record<string, string> | undefined> {
    const outcome = await this.run(repos, request);
    if (outcome.problem) throw outcome.problem;
    return outcome.verdicts.length > 0 ? request.next : undefined;
  }
}
