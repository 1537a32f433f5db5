import { DomainError } from '@houston/domain';
import type { NotificationIndex } from '../release-messages/notification-index';
import type { ReleaseCache } from '../releases/release-cache';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import type { ConfigAssembler, ConfigRequest } from './config-assembler';

const MAX_SERVED = 20_000;

export interface ServedConfig {
  releaseKey: string;
  format: string;
  configurations: Record<string, string>;
  /** The ApolloConfig JSON body. */
  body: string;
  /** The configurations as one flat JSON object (`/configfiles/json`), built on first use. */
  jsonBody(): string;
  /** The releases merged into it, the app's own first. */
  releases: ReleaseSnapshot[];
}

/**
 * Serves one client read. The client may know of a release this instance has not scanned yet
 * (another instance woke it): its `messages` say so, and those keys are reloaded first.
 */
export class ConfigQueryService {
  private readonly served = new Map<string, ServedConfig>();

  constructor(
    private readonly assembler: ConfigAssembler,
    private readonly cache: ReleaseCache,
    private readonly index: NotificationIndex,
  ) {}

  async find(request: ConfigRequest, clientMessages?: string): Promise<ServedConfig> {
    this.catchUpWith(clientMessages);
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
    const known = this.served.get(key);
    if (known) return known;
    let json: string | undefined;
    const served: ServedConfig = {
      jsonBody: () => (json ??= JSON.stringify(assembled.configurations)),
      releaseKey: assembled.releaseKey,
      format: assembled.format,
      configurations: assembled.configurations,
      releases: assembled.releases,
      body: JSON.stringify({
        appId: assembled.appId,
        cluster: assembled.cluster,
        namespaceName: assembled.namespaceName,
        configurations: assembled.configurations,
        releaseKey: assembled.releaseKey,
      }),
    };
    if (this.served.size >= MAX_SERVED) this.served.delete(this.served.keys().next().value!);
    this.served.set(key, served);
    return served;
  }

  private catchUpWith(clientMessages: string | undefined): void {
    if (!clientMessages) return;
    let details: unknown;
    try {
      details = (JSON.parse(clientMessages) as { details?: unknown }).details;
    } catch {
      return; // Apollo ignores messages it cannot read; so do we.
    }
    if (!details || typeof details !== 'object') return;
    for (const [key, id] of Object.entries(details as Record<string, unknown>)) {
      if (typeof id === 'number' && id > (this.index.latestId(key) ?? -1)) {
        this.cache.invalidate(key);
      }
    }
  }
}
