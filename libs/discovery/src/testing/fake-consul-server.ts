import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import contract from './__fixtures__/consul-http-contract.json';

export type CheckStatus = 'passing' | 'warning' | 'critical';

export interface FakeConsulServerOptions {
  /** When set, ACLs are enforced and requests must carry this token in X-Consul-Token. */
  token?: string;
}

/**
 * How the agent is unavailable: `unreachable` drops every connection (agent down, network cut),
 * `no-leader` answers 500 as an agent does while its servers have no leader.
 */
export type ConsulOutage = 'unreachable' | 'no-leader';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface FakeConsulService {
  ID: string;
  Service: string;
  Tags: string[];
  Address: string;
  Meta: Record<string, string>;
  Port: number;
  check: {
    HTTP: string;
    Interval: string;
    Timeout: string;
    DeregisterCriticalServiceAfter: string;
    status: CheckStatus;
  };
}

interface Reply {
  status: number;
  body: string | unknown[];
  headers?: Record<string, string>;
}

type FieldType = 'string' | 'number' | 'array' | 'object' | 'duration';

const endpoints = contract.endpoints;
const errors = contract.errors;
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const DURATION_UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};

/** Go duration text in milliseconds (`DURATION` already matched). */
function durationMs(text: string): number {
  let total = 0;
  for (const [, value, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(value) * DURATION_UNIT_MS[unit!]!;
  }
  return total;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function error(name: keyof typeof errors, values: Record<string, string> = {}): Reply {
  const { status, body } = errors[name];
  return { status, body: fill(body, values) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isRecord(value);
    case 'duration':
      return typeof value === 'string' && DURATION.test(value) && /[1-9]/.test(value);
  }
}

/**
 * A Consul agent stand-in for tests, built from the hand-written HTTP contract in
 * __fixtures__/consul-http-contract.json: it answers the agent register/deregister and health
 * endpoints as Consul documents them, keeps services in memory, and lets tests flip health checks.
 * Requests our client must never send (missing contract fields, a list without ?passing) get a 400
 * and are listed in `violations`, so a test can insist there were none.
 */
export class FakeConsulServer {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private readonly services = new Map<string, FakeConsulService>();
  private index = 1;
  private outage: ConsulOutage | false = false;
  /** Blocking queries held until the index moves or their wait is over. */
  private readonly held = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string | undefined,
  ) {}

  /** Listens on 127.0.0.1 on an ephemeral port. */
  static async start(options: FakeConsulServerOptions = {}): Promise<FakeConsulServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeConsulServer(server, `http://127.0.0.1:${port}`, options.token);
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => void fake.handle(request, response),
    );
    return fake;
  }

  /** What the agent holds now, check status included. */
  registered(): FakeConsulService[] {
    return [...this.services.values()].map((service) => structuredClone(service));
  }

  setCheckStatus(serviceId: string, status: CheckStatus): void {
    const service = this.services.get(serviceId);
    if (!service) throw new Error(`FakeConsulServer: no service with ID "${serviceId}"`);
    service.check.status = status;
    this.advance();
  }

  /** The X-Consul-Index the next answer carries. */
  currentIndex(): number {
    return this.index;
  }

  /** Blocking queries held now (waiting for the index to move past theirs). */
  heldQueries(): number {
    return this.held.size;
  }

  /**
   * What a Consul whose state was restored from a snapshot, or a new cluster behind the same
   * agent address, does: the index starts lower than what clients last saw. Held queries answer.
   */
  resetIndex(to: number): void {
    this.index = to;
    this.wakeHeld();
  }

  /** Starts (or with `false` ends) an outage; an `unreachable` one drops held queries too. */
  setOutage(outage: ConsulOutage | false): void {
    this.outage = outage;
    if (outage === 'unreachable') this.server.closeAllConnections();
    else if (outage === 'no-leader') this.wakeHeld();
  }

  /** What Consul does when the instance's HTTP check stops answering. */
  markCritical(serviceId: string): void {
    this.setCheckStatus(serviceId, 'critical');
  }

  async close(): Promise<void> {
    this.wakeHeld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private currentOutage(): ConsulOutage | false {
    return this.outage;
  }

  private advance(): void {
    this.index += 1;
    this.wakeHeld();
  }

  /**
   * Resolves when the index moves, an outage starts, the server closes, the client goes away or
   * `waitMs` passes.
   */
  private hold(index: number, waitMs: number, gone: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.held.delete(wake);
        gone.removeEventListener('abort', done);
        resolve();
      };
      if (gone.aborted) return resolve();
      gone.addEventListener('abort', done);
      const wake = () => {
        if (this.index !== index || this.outage) done();
      };
      const timer = setTimeout(done, waitMs);
      this.held.add(wake);
    });
  }

  private wakeHeld(): void {
    for (const wake of [...this.held]) wake();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.outage === 'unreachable') {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://consul.invalid');
    const tokenHeader = request.headers[contract.tokenHeader.toLowerCase()];
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { [contract.tokenHeader]: Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader },
      body: raw === '' ? undefined : safeParse(raw),
    };
    this.requests.push(recorded);

    // A client that gives up on a held query (closes its connection) releases it, as on Consul.
    const gone = new AbortController();
    response.once('close', () => gone.abort());
    const reply =
      this.outage === 'no-leader' ? error('noLeader') : await this.route(recorded, raw, gone.signal);
    // An outage may have begun while a blocking query was held.
    if (this.currentOutage() === 'unreachable' || response.destroyed) {
      request.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {
      'X-Consul-Default-Acl-Policy': this.token ? 'deny' : 'allow',
      ...(reply.headers ?? {}),
    };
    if (typeof reply.body === 'string') {
      headers['Content-Type'] = 'text/plain; charset=utf-8';
      response.writeHead(reply.status, headers).end(reply.body);
    } else {
      response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
    }
  }

  private route(request: RecordedRequest, raw: string, gone: AbortSignal): Reply | Promise<Reply> {
    const { method, path } = request;
    if (path === endpoints.register.path) {
      return method === endpoints.register.method
        ? this.register(request, raw)
        : error('methodNotAllowed', { method });
    }
    const deregisterPrefix = endpoints.deregister.path.replace(':service_id', '');
    if (path.startsWith(deregisterPrefix) && path.length > deregisterPrefix.length) {
      if (method !== endpoints.deregister.method) return error('methodNotAllowed', { method });
      return this.deregister(request, decodeURIComponent(path.slice(deregisterPrefix.length)));
    }
    const healthPrefix = endpoints.healthService.path.replace(':service', '');
    if (path.startsWith(healthPrefix) && path.length > healthPrefix.length) {
      if (method !== endpoints.healthService.method) return error('methodNotAllowed', { method });
      return this.health(request, decodeURIComponent(path.slice(healthPrefix.length)), gone);
    }
    return error('notFound');
  }

  /** Consul resolves the token before anything else: an unknown token is refused outright. */
  private caller(request: RecordedRequest): 'authorized' | 'anonymous' | 'unknown' {
    if (!this.token) return 'authorized';
    const sent = request.headers[contract.tokenHeader];
    if (sent === undefined || sent === '') return 'anonymous';
    return sent === this.token ? 'authorized' : 'unknown';
  }

  private violation(message: string): Reply {
    this.violations.push(message);
    return { status: 400, body: `contract violation: ${message}` };
  }

  private register(request: RecordedRequest, raw: string): Reply {
    const caller = this.caller(request);
    if (caller === 'unknown') return error('aclNotFound');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (cause) {
      return error('decode', { reason: (cause as Error).message });
    }
    if (!isRecord(body)) return error('decode', { reason: 'body is not a JSON object' });

    // Checks Consul itself makes, answered with Consul's own messages.
    if (typeof body['Name'] !== 'string' || body['Name'] === '') return error('missingName');
    if (caller === 'anonymous') {
      return error('permissionDenied', { permission: 'service:write', resource: body['Name'] });
    }
    if (body['Port'] !== undefined && !hasType(body['Port'], 'number')) {
      return error('decode', { reason: `Port: expected an integer, got ${JSON.stringify(body['Port'])}` });
    }
    const meta = body['Meta'];
    if (isRecord(meta)) {
      const metaProblem = checkMeta(meta);
      if (metaProblem) return metaProblem;
    }
    const check = body['Check'];
    if (isRecord(check) && check['HTTP'] !== undefined && !hasType(check['Interval'], 'duration')) {
      return error('invalidCheck', {
        reason: 'Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks',
      });
    }

    // What Houston's client promises to send on top of that.
    for (const [field, type] of Object.entries(endpoints.register.requiredBody)) {
      if (!hasType(body[field], type as FieldType))
        return this.violation(`register body field ${field} must be ${type}`);
    }
    const checkBody = body['Check'] as Record<string, unknown>;
    for (const [field, type] of Object.entries(endpoints.register.requiredCheck)) {
      if (!hasType(checkBody[field], type as FieldType))
        return this.violation(`register Check.${field} must be ${type}`);
    }
    const initial = checkBody['Status'];
    if (initial !== undefined && initial !== 'passing' && initial !== 'warning' && initial !== 'critical') {
      return error('invalidCheck', { reason: `Status must be one of passing, warning, critical` });
    }

    // Re-registering an ID replaces it, as on a real agent.
    this.services.set(body['ID'] as string, {
      ID: body['ID'] as string,
      Service: body['Name'],
      Tags: [...(body['Tags'] as string[])],
      Address: body['Address'] as string,
      Meta: { ...(body['Meta'] as Record<string, string>) },
      Port: body['Port'] as number,
      check: {
        HTTP: checkBody['HTTP'] as string,
        Interval: checkBody['Interval'] as string,
        Timeout: checkBody['Timeout'] as string,
        DeregisterCriticalServiceAfter: checkBody['DeregisterCriticalServiceAfter'] as string,
        // Consul starts a check critical unless the definition says otherwise.
        status: (initial as CheckStatus | undefined) ?? 'critical',
      },
    });
    this.advance();
    return endpoints.register.success;
  }

  private deregister(request: RecordedRequest, serviceId: string): Reply {
    const caller = this.caller(request);
    if (caller === 'unknown') return error('aclNotFound');
    const service = this.services.get(serviceId);
    if (!service) {
      return {
        status: endpoints.deregister.unknown.status,
        body: fill(endpoints.deregister.unknown.body, { id: serviceId }),
      };
    }
    if (caller === 'anonymous') {
      return error('permissionDenied', { permission: 'service:write', resource: service.Service });
    }
    this.services.delete(serviceId);
    this.advance();
    return endpoints.deregister.success;
  }

  private async health(request: RecordedRequest, serviceName: string, gone: AbortSignal): Promise<Reply> {
    const caller = this.caller(request);
    if (caller === 'unknown') return error('aclNotFound');
    const passing = request.query['passing'];
    if (passing === undefined || !endpoints.healthService.requiredQuery.passing.includes(passing)) {
      return this.violation('health/service must be asked for passing instances only (?passing=true)');
    }
    const blocking = endpoints.healthService.blocking;
    const index = request.query['index'];
    if (index !== undefined) {
      if (!/^\d+$/.test(index))
        return this.violation(`blocking query index must be a whole number, got ${index}`);
      const wait = request.query['wait'];
      if (wait !== undefined && !hasType(wait, 'duration')) {
        return this.violation(`blocking query wait must be a duration, got ${wait}`);
      }
      const waitMs = Math.min(durationMs(wait ?? blocking.defaultWait), durationMs(blocking.maxWait));
      // Consul holds the query while nothing changed since the index the client saw.
      if (Number(index) >= this.index) await this.hold(Number(index), waitMs, gone);
      if (this.outage) return error('noLeader');
    }
    const headers = { ...endpoints.healthService.success.headers, 'X-Consul-Index': String(this.index) };
    // Reads an anonymous token may not see are filtered out, not refused.
    if (caller === 'anonymous') {
      return { status: 200, headers: { ...headers, 'X-Consul-Results-Filtered-By-ACLs': 'true' }, body: [] };
    }
    const entries = [...this.services.values()]
      .filter((service) => service.Service === serviceName && service.check.status === 'passing')
      .sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0))
      .map((service) => ({
        Node: structuredClone(contract.node),
        Service: {
          ID: service.ID,
          Service: service.Service,
          Tags: [...service.Tags],
          Address: service.Address,
          Meta: { ...service.Meta },
          Port: service.Port,
          Weights: { Passing: 1, Warning: 1 },
          EnableTagOverride: false,
        },
        Checks: [
          structuredClone(contract.nodeCheck),
          {
            Node: contract.node.Node,
            CheckID: `service:${service.ID}`,
            Name: `Service '${service.Service}' check`,
            Status: service.check.status,
            Notes: '',
            Output: '',
            ServiceID: service.ID,
            ServiceName: service.Service,
            ServiceTags: [...service.Tags],
          },
        ],
      }));
    return { status: endpoints.healthService.success.status, headers, body: entries };
  }
}

function checkMeta(meta: Record<string, unknown>): Reply | null {
  const rules = endpoints.register;
  const pairs = Object.entries(meta);
  if (pairs.length > rules.metaMaxPairs) return error('metaTooMany', { max: String(rules.metaMaxPairs) });
  for (const [key, value] of pairs) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const reason =
      key === ''
        ? 'Key cannot be blank'
        : !new RegExp(rules.metaKeyPattern).test(key)
          ? 'Key contains invalid characters'
          : key.length > rules.metaKeyMaxLength
            ? `Key is too long (limit: ${rules.metaKeyMaxLength} characters)`
            : key.startsWith('consul-')
              ? "Key prefix 'consul-' is reserved for internal use"
              : text.length > rules.metaValueMaxLength
                ? `Value is too long (limit: ${rules.metaValueMaxLength} characters)`
                : null;
    if (reason) return error('invalidMeta', { key, value: text, reason });
  }
  return null;
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
