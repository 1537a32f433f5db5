import { DomainError } from '@houston/domain';
import type { NotificationIndex } from '../release-messages/notification-index';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import type { AnswerCache } from './answer-cache';
import type { AssembledConfig, ConfigAssembler, ConfigRequest } from './config-assembler';

const MAX_SERVED = 20_000;

type AssembledExtras = Pick<AssembledConfig, 'dependsOn' | 'grayRulesApply'>;

function shapeOf(request: ConfigRequest): string {
  return `${request.appId}\u0000${request.cluster}\u0000${request.namespace}\u0000${request.dataCenter ?? ''}`;
}

export interface ServedConfig {
  /** The body's `appId`, `cluster` (after fallback) and `namespaceName` (as the client spelt it). */
  appId: string;
  cluster: string;
  namespaceName: string;
  releaseKey: string;
  format: string;
  configurations: Record<string, string>;
  /** The ApolloConfig JSON body, encoded once: sent as it is to every client of this release. */
  body: Buffer;
  /** The configurations as one flat JSON object (`/configfiles/json`), built on first use. */
  jsonBody(): string;
  /** The releases merged into it, the app's own first. */
  releases: ReleaseSnapshot[];
}

/**
 * Serves one client read. The client may know of a release this instance has not scanned yet
 * (another instance woke it): its `messages` say so. Then this instance scans now and the
 * scanned message goes through the one release-message path (caches, gray rules, polls), so a
 * burst of such clients costs one scan and one load per key and message, not one per client.
 *
 * Finished answers are kept per request shape (app, cluster, namespace as spelt, data center)
 * until a release message touches them, so the usual read is answered synchronously from memory.
 * Answers under gray rules depend on the client's IP and label and are always assembled.
 */
export class ConfigQueryService {
  private readonly served = new Map<string, ServedConfig>();
  private lastMessages?: { text: string; ids: ReadonlyArray<[string, number]> };
  /** Since start: reads answered with a finished answer, and reads that had to assemble one. */
  readonly answerStats = { hits: 0, misses: 0 };

  constructor(
    private readonly assembler: ConfigAssembler,
    /** Finished answers, dropped by the release-message path. */
    private readonly answers: AnswerCache<ServedConfig>,
    private readonly index: NotificationIndex,
    /** Reads the ReleaseMessage table now (coalesced with any scan already asked for). */
    private readonly catchUp: () => Promise<void>,
  ) {}

  /** The answer when it is already in memory; undefined when `find` has to assemble it. */
  cached(request: ConfigRequest, clientMessages?: string): ServedConfig | undefined {
    if (this.isBehind(clientMessages)) return undefined;
    const answer = this.answers.get(shapeOf(request));
    // A miss here is counted by `find`, which the caller goes on to.
    if (answer) this.answerStats.hits++;
    return answer;
  }

  async find(request: ConfigRequest, clientMessages?: string): Promise<ServedConfig> {
    // Still behind after the scan: a message not visible yet, or an id that does not exist.
    // Either way what this instance has is served; the client's next poll sorts it out.
    if (this.isBehind(clientMessages)) await this.catchUp();
    const known = this.answers.get(shapeOf(request));
    if (known) {
      this.answerStats.hits++;
      return known;
    }
    this.answerStats.misses++;
    const version = this.answers.version();
    const { served, dependsOn, grayRulesApply } = await this.assemble(request);
    if (!grayRulesApply) this.answers.set(shapeOf(request), served, dependsOn, version);
    return served;
  }

  private async assemble(request: ConfigRequest): Promise<{ served: ServedConfig } & AssembledExtras> {
    const assembled = await this.assembler.assemble(request);
    if (!assembled) {
      throw new DomainError(
        'NOT_FOUND',
        `no release of ${request.appId}/${request.cluster}/${request.namespace}`,
      );
    }
    // Release keys never repeat, so an answer built once per release and spelling stays right:
    // thousands of clients woken by one release share one serialized body.
    const key = `${assembled.appId}\u0000${assembled.cluster}\u0000${assembled.namespaceName}\u0000${assembled.releaseKey}`;
    const extras = { dependsOn: assembled.dependsOn, grayRulesApply: assembled.grayRulesApply };
    const known = this.served.get(key);
    if (known) return { served: known, ...extras };
    let json: string | undefined;
    const served: ServedConfig = {
      jsonBody: () => (json ??= JSON.stringify(assembled.configurations)),
      appId: assembled.appId,
      cluster: assembled.cluster,
      namespaceName: assembled.namespaceName,
      releaseKey: assembled.releaseKey,
      format: assembled.format,
      configurations: assembled.configurations,
      releases: assembled.releases,
      body: Buffer.from(
        JSON.stringify({
          appId: assembled.appId,
          cluster: assembled.cluster,
          namespaceName: assembled.namespaceName,
          configurations: assembled.configurations,
          releaseKey: assembled.releaseKey,
        }),
      ),
    };
    if (this.served.size >= MAX_SERVED) this.served.delete(this.served.keys().next().value!);
    this.served.set(key, served);
    return { served, ...extras };
  }

  /** Whether the client has heard of a message (from another instance) that this one has not. */
  private isBehind(clientMessages: string | undefined): boolean {
    if (!clientMessages) return false;
    for (const [key, id] of this.knownIds(clientMessages)) {
      if (id > (this.index.latestId(key) ?? -1)) return true;
    }
    return false;
  }

  /** Every client woken by one release sends the same `messages`: it is parsed once, not per read. */
  private knownIds(clientMessages: string): ReadonlyArray<[string, number]> {
    if (this.lastMessages?.text === clientMessages) return this.lastMessages.ids;
    let details: unknown;
    try {
      details = (JSON.parse(clientMessages) as { details?: unknown }).details;
    } catch {
      details = undefined; // Apollo ignores messages it cannot read; so do we.
    }
    const ids =
      details && typeof details === 'object'
        ? Object.entries(details as Record<string, unknown>).filter(
            (entry): entry is [string, number] => typeof entry[1] === 'number',
          )
        : [];
    this.lastMessages = { text: clientMessages, ids };
    return ids;
  }
}
