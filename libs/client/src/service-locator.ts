import { timeoutSignal } from './abortable';
import type { HoustonLogger } from './types';

export interface ServiceLocatorOptions {
  appId: string;
  ip?: string;
  metaServerUrls: string[];
  configServiceUrls: string[];
  fetch: typeof fetch;
  requestTimeoutMs: number;
  logger: HoustonLogger;
  random?: () => number;
}

interface ServiceDto {
  homepageUrl?: unknown;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Which config-services to talk to: the configured URLs, or the list the meta server gives.
 * Clients start at a random instance and then go round-robin, so a fleet spreads its load
 * instead of every client piling on the first instance listed.
 */
export class ServiceLocator {
  private list: string[];
  private next = 0;
  private stale: boolean;
  private readonly random: () => number;

  constructor(private readonly options: ServiceLocatorOptions) {
    this.random = options.random ?? Math.random;
    this.list = options.configServiceUrls.map(trimSlash);
    this.stale = this.list.length === 0;
    this.next = Math.floor(this.random() * Math.max(1, this.list.length));
    if (this.list.length === 0 && options.metaServerUrls.length === 0)
      throw new Error('HoustonClient needs metaServerUrl or configServiceUrl');
  }

  get discovering(): boolean {
    return this.options.configServiceUrls.length === 0;
  }

  /** The instances in the order to try them for the next request (preferred first, if listed). */
  async order(prefer?: string): Promise<string[]> {
    if (this.stale || this.list.length === 0) await this.refresh();
    const list = this.list;
    const start = this.next % list.length;
    this.next = (start + 1) % list.length;
    const ordered = [...list.slice(start), ...list.slice(0, start)];
    if (prefer && ordered.includes(prefer)) return [prefer, ...ordered.filter((url) => url !== prefer)];
    return ordered;
  }

  /** Every instance failed: ask the meta server again before the next request. */
  invalidate(): void {
    if (this.discovering) this.stale = true;
  }

  /** Re-reads the service list from the meta server (a no-op with direct URLs). */
  async refresh(): Promise<void> {
    if (!this.discovering) return;
    const metas = shuffle(this.options.metaServerUrls.map(trimSlash), this.random);
    const problems: string[] = [];
    for (const meta of metas) {
      try {
        const urls = await this.discover(meta);
        if (urls.length === 0) throw new Error('no config-service registered');
        const changed = urls.join(',') !== [...this.list].sort().join(',');
        if (changed) {
          this.list = urls;
          this.next = Math.floor(this.random() * urls.length);
          this.options.logger.info('houston: config-services discovered', { meta, services: urls });
        }
        this.stale = false;
        return;
      } catch (error) {
        problems.push(`${meta}: ${(error as Error).message}`);
      }
    }
    const message = `houston: service discovery failed (${problems.join('; ')})`;
    if (this.list.length > 0) {
      this.options.logger.warn(`${message}; keeping the last known config-services`, { services: this.list });
      return;
    }
    throw new Error(message);
  }

  private async discover(meta: string): Promise<string[]> {
    const query = new URLSearchParams({ appId: this.options.appId });
    if (this.options.ip) query.set('ip', this.options.ip);
    const timeout = timeoutSignal(this.options.requestTimeoutMs);
    try {
      const response = await this.options.fetch(`${meta}/services/config?${query}`, {
        signal: timeout.signal,
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      const body = (await response.json()) as unknown;
      if (!Array.isArray(body)) throw new Error('answer is not a list of services');
      const urls = (body as ServiceDto[])
        .map((service) => service.homepageUrl)
        .filter((url): url is string => typeof url === 'string' && url !== '')
        .map(trimSlash);
      return [...new Set(urls)].sort();
    } finally {
      timeout.dispose();
    }
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
