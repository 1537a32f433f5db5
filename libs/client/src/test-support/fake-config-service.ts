import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signature } from '../sign';

export interface FakeRelease {
  releaseKey: string;
  configurations: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  at: number;
}

/**
 * An in-process stand-in for Houston's config-service (Apollo protocol) on 127.0.0.1, sharing its
 * state with other fakes through `FakeStore` so that several instances act as one cluster.
 */
export class FakeStore {
  releases = new Map<string, FakeRelease>();
  ids = new Map<string, number>();
  private nextId = 1;
  private waiters = new Set<() => void>();
  secret?: string;

  /** `notify: false` changes the release without a release message (only a refresh sees it). */
  publish(namespace: string, configurations: Record<string, string>, notify = true): FakeRelease {
    const release = { releaseKey: `rk-${this.nextId}`, configurations };
    this.releases.set(namespace, release);
    if (notify) this.ids.set(namespace, this.nextId);
    this.nextId++;
    if (!notify) return release;
    for (const wake of [...this.waiters]) wake();
    return release;
  }

  wait(onWake: () => void): () => void {
    this.waiters.add(onWake);
    return () => this.waiters.delete(onWake);
  }
}

export class FakeConfigService {
  readonly requests: RecordedRequest[] = [];
  /** Answer every request with this status instead (e.g. 503), when set. */
  failWith?: number;
  private server?: Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(
    readonly store: FakeStore,
    private readonly options: { appId: string; holdMs?: number; services?: () => string[] } = {
      appId: 'demo',
    },
  ) {}

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Stops listening and drops open connections (held long polls included), like a crash. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server?.close(() => done()) ?? done());
    this.server = undefined;
  }

  count(prefix: string): number {
    return this.requests.filter((request) => request.path.startsWith(prefix)).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers, at: Date.now() });
    if (this.failWith) return this.send(res, this.failWith, { message: 'failing on purpose' });
    if (url.pathname === '/services/config')
      return this.send(
        res,
        200,
        (this.options.services?.() ?? [this.url]).map((homepageUrl, i) => ({
          appName: 'HOUSTON-CONFIG-SERVICE',
          instanceId: `fake-${i}`,
          homepageUrl: `${homepageUrl}/`,
        })),
      );
    if (this.store.secret) {
      const timestamp = String(req.headers['timestamp'] ?? '');
      const expected = `Apollo ${this.options.appId}:${signature(this.store.secret, timestamp, req.url ?? '')}`;
      if (req.headers['authorization'] !== expected || Math.abs(Date.now() - Number(timestamp)) > 60_000)
        return this.send(res, 401, { message: 'Unauthorized' });
    }
    const configs = /^\/configs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (configs) {
      const namespace = decodeURIComponent(configs[3]!);
      const release = this.store.releases.get(namespace);
      if (!release) return this.send(res, 404, { message: 'no release' });
      if (url.searchParams.get('releaseKey') === release.releaseKey) return this.send(res, 304);
      return this.send(res, 200, {
        appId: decodeURIComponent(configs[1]!),
        cluster: decodeURIComponent(configs[2]!),
        namespaceName: namespace,
        configurations: release.configurations,
        releaseKey: release.releaseKey,
      });
    }
    if (url.pathname === '/notifications/v2') {
      const watched = JSON.parse(url.searchParams.get('notifications') ?? '[]') as {
        namespaceName: string;
        notificationId: number;
      }[];
      const behind = () =>
        watched
          .filter((w) => (this.store.ids.get(w.namespaceName) ?? -1) > w.notificationId)
          .map((w) => {
            const id = this.store.ids.get(w.namespaceName)!;
            return {
              namespaceName: w.namespaceName,
              notificationId: id,
              messages: { details: { [`${this.options.appId}+default+${w.namespaceName}`]: id } },
            };
          });
      const now = behind();
      if (now.length > 0) return this.send(res, 200, now);
      let finish = () => undefined as void;
      const timer = setTimeout(() => finish(), this.options.holdMs ?? 2000);
      const unwait = this.store.wait(() => finish());
      finish = () => {
        clearTimeout(timer);
        unwait();
        const answer = behind();
        if (!res.writableEnded)
          this.send(res, answer.length > 0 ? 200 : 304, answer.length > 0 ? answer : undefined);
      };
      res.on('close', () => {
        clearTimeout(timer);
        unwait();
      });
      return;
    }
    this.send(res, 404, { message: 'unknown path' });
  }

  private send(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
