import { EventEmitter } from 'node:events';
import { sleep, timeoutSignal } from './abortable';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { diffConfigurations } from './diff';
import { applyConfigAnswer, type ConfigAnswerDto } from './config-sync';
import { FileCache } from './file-cache';
import { localIp } from './local-ip';
import { namespaceFormat, normalizeNamespace } from './namespace-name';
import { NamespaceSnapshot, type NamespaceData } from './namespace-snapshot';
import { ServiceLocator } from './service-locator';
import { signedHeaders } from './sign';
import { StatusReporter, type ReleaseStatus, type StatusReport } from './status-reporter';
import type {
  ConfigChangeEvent,
  HoustonClientOptions,
  HoustonLogger,
  NamespaceConfig,
  ReleaseToValidate,
} from './types';
import { loadYaml } from './yaml-loader';

/** Tuning knobs beyond Apollo's: mostly for tests, which cannot wait a minute for a retry. */
export interface HoustonClientTuning {
  /** Retry backoff (exponential, full jitter); default base 1 s, cap 60 s. */
  backoff?: Partial<BackoffPolicy>;
  /** Source of randomness for jitter and instance choice. */
  random?: () => number;
  /** How long reports are gathered before they are sent; default 1 s. */
  reportDelayMs?: number;
}

export type HoustonClientFullOptions = HoustonClientOptions & HoustonClientTuning;

interface NamespaceState {
  /** As the client spells it: what notifications and events carry. */
  name: string;
  config?: NamespaceSnapshot;
  notificationId: number;
  /** Apollo's `messages.details`: the newest notification id seen per watched key. */
  messages: Record<string, number>;
}

interface Answer {
  status: number;
  text: string;
  service: string;
}

interface NotificationDto {
  namespaceName?: string;
  notificationId?: number;
  messages?: { details?: Record<string, number> };
}

const MINUTE = 60_000;

const defaultLogger: HoustonLogger = {
  info: () => undefined,
  // Without a logger the cache fallback must still be visible: Node's warning channel says so.
  warn: (msg, meta) => process.emitWarning(meta ? `${msg} ${JSON.stringify(meta)}` : msg, 'HoustonWarning'),
};

/**
 * Apollo-protocol client: loads namespaces, keeps them current with one long poll for all of
 * them, falls back to a local file cache when no config-service answers, and emits 'change'.
 */
export class HoustonClient extends EventEmitter {
  readonly appId: string;
  readonly cluster: string;
  readonly dataCenter?: string;
  private readonly ip?: string;
  private readonly label?: string;
  private readonly accessKeySecret?: string;
  private readonly fetchFn: typeof fetch;
  private readonly logger: HoustonLogger;
  private readonly refreshIntervalMs: number;
  private readonly discoveryRefreshIntervalMs: number;
  private readonly longPollTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly locator: ServiceLocator;
  private readonly cache?: FileCache;
  private readonly states = new Map<string, NamespaceState>();
  private readonly closing = new AbortController();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readyPromise?: Promise<void>;
  private pollLoop?: Promise<void>;
  private updates: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly validate?: (release: ReleaseToValidate) => void | Promise<void>;
  private readonly reportMode: 'auto' | 'manual' | 'off';
  private readonly reporter: StatusReporter;

  constructor(options: HoustonClientFullOptions) {
    super();
    if (!options.appId) throw new Error('HoustonClient needs an appId');
    this.appId = options.appId;
    this.cluster = options.cluster || 'default';
    this.dataCenter = options.dataCenter || undefined;
    this.ip = options.ip ?? localIp();
    this.label = options.label || undefined;
    this.accessKeySecret = options.accessKeySecret || undefined;
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.logger = options.logger ?? defaultLogger;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 5 * MINUTE;
    this.discoveryRefreshIntervalMs = options.discoveryRefreshIntervalMs ?? MINUTE;
    this.longPollTimeoutMs = options.longPollTimeoutMs ?? 90_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    const list = (value: string | string[] | undefined) =>
      (Array.isArray(value) ? value : (value ?? '').split(',')).map((url) => url.trim()).filter(Boolean);
    this.locator = new ServiceLocator({
      appId: this.appId,
      ip: this.ip,
      metaServerUrls: list(options.metaServerUrl),
      configServiceUrls: list(options.configServiceUrl),
      fetch: this.fetchFn,
      requestTimeoutMs: this.requestTimeoutMs,
      logger: this.logger,
      random: this.random,
    });
    if (options.cacheDir) this.cache = new FileCache(options.cacheDir, this.appId, this.cluster);
    this.validate = options.validate;
    this.reportMode = options.reportStatus ?? 'auto';
    this.reporter = new StatusReporter(
      (reports) => this.sendReports(reports),
      options.reportDelayMs ?? 1000,
      (error) => this.report('houston: release status report failed', error),
    );
    const names = options.namespaces && options.namespaces.length > 0 ? options.namespaces : ['application'];
    for (const name of names) {
      const key = normalizeNamespace(name);
      if (!this.states.has(key)) this.states.set(key, { name, notificationId: -1, messages: {} });
    }
  }

  /** Constructs a client and waits for its first load. */
  static async create(options: HoustonClientFullOptions): Promise<HoustonClient> {
    const client = new HoustonClient(options);
    try {
      await client.ready();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /**
   * Loads every namespace once: from a config-service, or from the file cache when none answers
   * (and then keeps retrying in the background). Rejects when neither has a namespace.
   */
  ready(): Promise<void> {
    return (this.readyPromise ??= this.start());
  }

  /** The namespace as the client spells it (a `.properties` suffix is optional). */
  namespace(name = 'application'): NamespaceConfig {
    const state = this.states.get(normalizeNamespace(name));
    if (!state) throw new Error(`namespace '${name}' is not one of this client's namespaces`);
    if (!state.config) throw new Error(`namespace '${name}' is not loaded yet: await ready() first`);
    return state.config;
  }

  /** Names of the namespaces this client watches, as configured. */
  namespaceNames(): string[] {
    return [...this.states.values()].map((state) => state.name);
  }

  getString(key: string): string | undefined;
  getString(key: string, defaultValue: string): string;
  getString(key: string, defaultValue?: string): string | undefined {
    return defaultValue === undefined
      ? this.namespace().getString(key)
      : this.namespace().getString(key, defaultValue);
  }

  getNumber(key: string, defaultValue?: number): number | undefined {
    return this.namespace().getNumber(key, defaultValue);
  }

  getBoolean(key: string, defaultValue?: boolean): boolean | undefined {
    return this.namespace().getBoolean(key, defaultValue);
  }

  getJson<T = unknown>(key: string, defaultValue?: T): T | undefined {
    return this.namespace().getJson<T>(key, defaultValue);
  }

  getArray(key: string, separator?: string, defaultValue?: string[]): string[] {
    return this.namespace().getArray(key, separator, defaultValue);
  }

  /** Calls `listener` for every change (of one namespace, if given); returns the unsubscribe. */
  onChange(listener: (event: ConfigChangeEvent) => void, namespace?: string): () => void {
    const wanted = namespace === undefined ? undefined : normalizeNamespace(namespace);
    const wrapper = (event: ConfigChangeEvent) => {
      if (wanted === undefined || normalizeNamespace(event.namespace) === wanted) listener(event);
    };
    this.on('change', wrapper);
    return () => {
      this.off('change', wrapper);
    };
  }

  /** Re-reads every namespace now (what the periodic refresh does). */
  async refresh(): Promise<void> {
    await this.serialized(() =>
      Promise.all([...this.states.values()].map((state) => this.refreshNamespace(state))),
    );
  }

  /**
   * Tells the config-service what became of the release a namespace holds now: `check_failed`
   * when the application's own check of it failed, for instance (see `reportStatus`). Sent in
   * the next batch; the same status of the same release is sent once.
   */
  reportRelease(namespace: string, status: ReleaseStatus, message = ''): void {
    if (this.reportMode === 'off') return;
    const config = this.namespace(namespace);
    if (!config.releaseKey || config.source !== 'server') return;
    this.reporter.report({ namespaceName: config.name, releaseKey: config.releaseKey, status, message });
  }

  /** Stops polls and timers and aborts the held long poll; reports not sent yet are sent first. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.reporter.flush().catch(() => undefined);
    this.closed = true;
    this.closing.abort(new Error('client closed'));
    for (const timer of this.timers) clearInterval(timer);
    await this.pollLoop;
    await this.updates.catch(() => undefined);
  }

  private async start(): Promise<void> {
    const formats = [...this.states.values()].map((state) => namespaceFormat(state.name));
    if ((formats.includes('yaml') || formats.includes('yml')) && !(await loadYaml()))
      this.logger.warn(
        "houston: the 'yaml' package is not installed; parsed() of yaml namespaces will throw",
      );

    const states = [...this.states.values()];
    const sources = await Promise.all(states.map((state) => this.initialLoad(state)));
    if (this.closed) return;
    const fromCache = states.filter((_, i) => sources[i] === 'cache').map((state) => state.name);
    if (fromCache.length > 0)
      this.logger.warn(
        'houston: no config-service answered; serving the last known configuration from the local cache ' +
          'and retrying in the background',
        { appId: this.appId, namespaces: fromCache, cacheDir: this.cache?.dir },
      );

    this.pollLoop = this.runLongPolls();
    this.every(this.refreshIntervalMs, () =>
      this.refresh().catch((error) => this.report('houston: periodic refresh failed', error)),
    );
    if (this.locator.discovering)
      this.every(this.discoveryRefreshIntervalMs, () =>
        this.locator.refresh().catch((error) => this.report('houston: service discovery failed', error)),
      );
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async initialLoad(state: NamespaceState): Promise<'server' | 'cache'> {
    try {
      await this.refreshNamespace(state);
      return 'server';
    } catch (serverError) {
      if (this.closed) throw serverError;
      const cached = await this.cache?.read(state.name).catch((error: unknown) => {
        this.logger.warn('houston: unreadable cache file', { namespace: state.name, error: String(error) });
        return undefined;
      });
      if (!cached)
        throw new Error(
          `houston: cannot load namespace '${state.name}' of ${this.appId}: ${(serverError as Error).message}` +
            (this.cache ? ' and it is not in the local cache' : ' (no cacheDir to fall back on)'),
        );
      state.config = new NamespaceSnapshot(state.name, {
        configurations: cached.configurations,
        releaseKey: cached.releaseKey,
        source: 'cache',
      });
      return 'cache';
    }
  }

  /** Fetches one namespace (304 when its releaseKey is current) and applies what changed. */
  private async refreshNamespace(state: NamespaceState, prefer?: string): Promise<void> {
    const query = this.query({
      releaseKey: state.config?.releaseKey || '-1',
      messages:
        Object.keys(state.messages).length > 0 ? JSON.stringify({ details: state.messages }) : undefined,
    });
    const path = `/configs/${[this.appId, this.cluster, state.name].map(encodeURIComponent).join('/')}?${query}`;
    const answer = await this.request(path, this.requestTimeoutMs, prefer);
    if (answer.status === 304) {
      if (state.config?.source === 'cache')
        state.config.replace({ ...state.config.snapshot(), source: 'server' });
      return;
    }
    if (answer.status === 404) {
      // Nothing released yet: an empty namespace, unless we already hold one.
      if (!state.config)
        state.config = new NamespaceSnapshot(state.name, {
          configurations: {},
          releaseKey: '',
          source: 'server',
        });
      else
        this.logger.warn('houston: namespace has no release on the server; keeping what is loaded', {
          namespace: state.name,
        });
      return;
    }
    if (answer.status !== 200)
      throw new Error(`GET ${path} answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
    const body = JSON.parse(answer.text) as ConfigAnswerDto;
    await this.apply(state, {
      // An app with incremental sync on answers with the changes since the release we hold.
      configurations: applyConfigAnswer(state.config?.snapshot().configurations ?? {}, body),
      releaseKey: body.releaseKey ?? '',
      source: 'server',
    });
  }

  private async apply(state: NamespaceState, data: NamespaceData): Promise<void> {
    const first = state.config === undefined;
    if (!first && this.validate && data.releaseKey !== state.config!.releaseKey) {
      try {
        await this.validate({
          namespace: state.name,
          releaseKey: data.releaseKey,
          configurations: data.configurations,
        });
      } catch (error) {
        this.logger.warn('houston: release refused by validate(); keeping the configuration held', {
          namespace: state.name,
          releaseKey: data.releaseKey,
          error: error instanceof Error ? error.message : String(error),
        });
        this.autoReport(
          state.name,
          data.releaseKey,
          'rejected',
          error instanceof Error ? error.message : String(error),
        );
        return;
      }
    }
    const changes = diffConfigurations(state.config?.snapshot().configurations ?? {}, data.configurations);
    if (state.config) state.config.replace(data);
    else state.config = new NamespaceSnapshot(state.name, data);
    if (this.cache)
      await this.cache
        .write(state.name, data.releaseKey, data.configurations)
        .catch((error) =>
          this.report('houston: cannot write the cache file', error, { namespace: state.name }),
        );
    if (!first && changes.length > 0)
      this.emitChange({ namespace: state.name, changes, releaseKey: data.releaseKey });
    this.autoReport(state.name, data.releaseKey, 'applied', '');
  }

  private autoReport(namespace: string, releaseKey: string, status: ReleaseStatus, message: string): void {
    if (this.reportMode !== 'auto' || !releaseKey) return;
    this.reporter.report({ namespaceName: namespace, releaseKey, status, message });
  }

  /** One POST of reports, on the config-services in turn; 404 means a server without the route. */
  private async sendReports(reports: StatusReport[]): Promise<'ok' | 'unsupported'> {
    const body = JSON.stringify({
      appId: this.appId,
      cluster: this.cluster,
      ...(this.dataCenter ? { dataCenter: this.dataCenter } : {}),
      ...(this.ip ? { ip: this.ip } : {}),
      reports,
    });
    const answer = await this.request('/client-reports', this.requestTimeoutMs, undefined, body);
    if (answer.status === 404) return 'unsupported';
    if (answer.status !== 202)
      throw new Error(`POST /client-reports answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
    return 'ok';
  }

  private emitChange(event: ConfigChangeEvent): void {
    this.logger.info('houston: configuration changed', {
      namespace: event.namespace,
      keys: event.changes.map((change) => change.key),
      releaseKey: event.releaseKey,
    });
    // One failing listener must not keep the others (or the poll loop) from running.
    for (const listener of this.rawListeners('change') as ((event: ConfigChangeEvent) => void)[]) {
      try {
        listener.call(this, event);
      } catch (error) {
        this.report('houston: a change listener threw', error, { namespace: event.namespace });
      }
    }
  }

  private async runLongPolls(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      try {
        await this.longPoll();
        attempt = 0;
      } catch (error) {
        if (this.closed) return;
        const delay = backoffDelay(attempt++, this.backoff, this.random);
        this.report('houston: long poll failed', error, { retryInMs: delay });
        await sleep(delay, this.closing.signal);
      }
    }
  }

  private async longPoll(): Promise<void> {
    const states = [...this.states.values()];
    const notifications = states.map((state) => ({
      namespaceName: state.name,
      notificationId: state.notificationId,
    }));
    const path = `/notifications/v2?${this.query({ appId: this.appId, notifications: JSON.stringify(notifications) })}`;
    const answer = await this.request(path, this.longPollTimeoutMs);
    if (answer.status === 304) return;
    if (answer.status !== 200)
      throw new Error(`long poll answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
    const updates: { state: NamespaceState; notificationId: number; details: Record<string, number> }[] = [];
    for (const item of JSON.parse(answer.text) as NotificationDto[]) {
      const state = this.states.get(normalizeNamespace(item.namespaceName ?? ''));
      if (!state || typeof item.notificationId !== 'number') continue;
      updates.push({ state, notificationId: item.notificationId, details: item.messages?.details ?? {} });
    }
    for (const { state, details } of updates) {
      for (const [key, id] of Object.entries(details))
        if (typeof id === 'number' && id > (state.messages[key] ?? -1)) state.messages[key] = id;
    }
    // Ids move only once the namespace is fetched: a failed fetch makes the next poll answer at once.
    await this.serialized(() =>
      Promise.all(
        updates.map(async ({ state, notificationId }) => {
          await this.refreshNamespace(state, answer.service);
          state.notificationId = notificationId;
        }),
      ),
    );
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.updates.then(task, task);
    this.updates = run.catch(() => undefined);
    return run;
  }

  private query(extra: Record<string, string | undefined>): string {
    const query = new URLSearchParams();
    const params: Record<string, string | undefined> = {
      ...extra,
      cluster: extra['appId'] ? this.cluster : undefined,
      dataCenter: this.dataCenter,
      ip: this.ip,
      label: this.label,
    };
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
    return query.toString();
  }

  /** GET (or POST `body`) on the config-services in round-robin order, failing over on network errors, timeouts and 5xx. */
  private async request(
    pathWithQuery: string,
    timeoutMs: number,
    prefer?: string,
    body?: string,
  ): Promise<Answer> {
    const services = await this.locator.order(prefer);
    const problems: string[] = [];
    for (const service of services) {
      if (this.closed) throw new Error('client closed');
      const url = service + pathWithQuery;
      const signed = this.accessKeySecret ? signedHeaders(this.appId, this.accessKeySecret, url) : undefined;
      const headers = body === undefined ? signed : { ...signed, 'content-type': 'application/json' };
      const timeout = timeoutSignal(timeoutMs, this.closing.signal);
      try {
        const response = await this.fetchFn(url, {
          headers,
          signal: timeout.signal,
          ...(body === undefined ? {} : { method: 'POST', body }),
        });
        const text = await response.text();
        if (response.status >= 500) {
          problems.push(`${service}: HTTP ${response.status}`);
          continue;
        }
        return { status: response.status, text, service };
      } catch (error) {
        if (this.closed) throw new Error('client closed');
        problems.push(`${service}: ${describe(error, timeout.signal)}`);
      } finally {
        timeout.dispose();
      }
    }
    this.locator.invalidate();
    throw new Error(`no config-service answered (${problems.join('; ')})`);
  }

  private report(message: string, error: unknown, meta: object = {}): void {
    this.logger.warn(message, { ...meta, error: error instanceof Error ? error.message : String(error) });
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
