import { joinUrl } from './homepage-url';

/** One entry of Apollo's `GET /services/config` and `/services/admin` answers. */
export interface MetaServiceInstance {
  appName: string;
  instanceId: string;
  homepageUrl: string;
}

export interface MetaServerClientOptions {
  /** Meta-server base URLs; an entry may hold several, comma-separated, as Apollo's settings do. */
  metaServerUrls: string[];
  fetchImpl?: typeof fetch;
  /** Per meta-server attempt. */
  timeoutMs?: number;
}

/**
 * Asks meta-servers where the config and admin services are, as Apollo clients and portals do.
 * On failure it moves on to the next meta-server; the one that answered last is tried first next
 * time, so a dead meta-server costs one timeout rather than one per call.
 */
export class MetaServerClient {
  private readonly urls: string[];
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private preferred = 0;

  constructor(options: MetaServerClientOptions) {
    this.urls = options.metaServerUrls
      .flatMap((entry) => entry.split(','))
      .map((url) => url.trim())
      .filter((url) => url !== '');
    if (this.urls.length === 0) throw new Error('MetaServerClient needs at least one meta-server URL');
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  configServices(): Promise<MetaServiceInstance[]> {
    return this.list('services/config');
  }

  adminServices(): Promise<MetaServiceInstance[]> {
    return this.list('services/admin');
  }

  private async list(path: string): Promise<MetaServiceInstance[]> {
    const failures: Error[] = [];
    for (let attempt = 0; attempt < this.urls.length; attempt += 1) {
      const index = (this.preferred + attempt) % this.urls.length;
      const url = joinUrl(this.urls[index], path);
      try {
        const services = await this.fetchList(url);
        this.preferred = index;
        return services;
      } catch (error) {
        failures.push(
          new Error(`${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
        );
      }
    }
    throw new AggregateError(
      failures,
      `No meta-server answered ${path}: ${failures.map((failure) => failure.message).join('; ')}`,
    );
  }

  private async fetchList(url: string): Promise<MetaServiceInstance[]> {
    const response = await this.fetchImpl(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`.trim());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error('answer is not JSON');
    }
    if (!Array.isArray(body)) throw new Error('answer is not a list');
    return body.map((item: unknown, position) => toService(item, position));
  }
}

function toService(item: unknown, position: number): MetaServiceInstance {
  const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const { appName, instanceId, homepageUrl } = record;
  if (typeof appName !== 'string' || typeof instanceId !== 'string' || typeof homepageUrl !== 'string') {
    throw new Error(`entry ${position} lacks appName, instanceId or homepageUrl`);
  }
  return { appName, instanceId, homepageUrl };
}
