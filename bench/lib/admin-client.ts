import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** The service token the bench's admin-services are started with (made afresh each run). */
export const BENCH_ADMIN_TOKEN = `bench-${randomBytes(24).toString('hex')}`;

export interface Timed<T> {
  status: number;
  body: T;
  /** Wall-clock ms (Date.now) when the answer arrived. */
  at: number;
  /** Round trip in ms. */
  ms: number;
}

/** The admin-service's management API, as an operator uses it (X-Operator on every write). */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly operator = 'bench',
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-operator': this.operator,
        authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const at = Date.now();
    if (response.status >= 400) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, at, ms };
  }

  createApp(appId: string): Promise<Timed<unknown>> {
    return this.request('POST', '/apps', { appId, name: appId, ownerName: 'bench' });
  }

  /** Replaces every item of a namespace with one text edit. */
  setText(appId: string, configText: string, namespace = 'application'): Promise<Timed<unknown>> {
    return this.request('PUT', `/apps/${appId}/clusters/default/namespaces/${namespace}/items`, {
      configText,
    });
  }

  setItem(appId: string, key: string, value: string, namespace = 'application'): Promise<Timed<unknown>> {
    return this.request(
      'PUT',
      `/apps/${appId}/clusters/default/namespaces/${namespace}/items/${encodeURIComponent(key)}?createIfNotExists=true`,
      { key, value },
    );
  }

  release(appId: string, title: string, namespace = 'application'): Promise<Timed<{ releaseKey?: string }>> {
    return this.request('POST', `/apps/${appId}/clusters/default/namespaces/${namespace}/releases`, {
      releaseTitle: title,
    });
  }
}

/** `count` properties lines of realistic length. */
export function propertiesText(count: number, salt = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`bench.key.${i}=value-${i}-${salt}abcdefghijklmnop`);
  return lines.join('\n');
}

/** The notification id a client should hold on with: the current one, learnt from an immediate poll. */
export async function currentNotificationId(
  configUrl: string,
  appId: string,
  namespace = 'application',
): Promise<number> {
  const query = new URLSearchParams({
    appId,
    cluster: 'default',
    notifications: JSON.stringify([{ namespaceName: namespace, notificationId: -1 }]),
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    let status = 0;
    try {
      const response = await fetch(`${configUrl}/notifications/v2?${query}`, {
        signal: AbortSignal.timeout(3000),
      });
      status = response.status;
      if (status === 200) {
        const body = (await response.json()) as Array<{ notificationId: number }>;
        return body[0]!.notificationId;
      }
      await response.arrayBuffer();
    } catch {
      // Held: the config-service has not scanned the release message yet.
    }
    if (Date.now() > deadline)
      throw new Error(`no notification for ${appId} after 15 s (last ${status || 'held'})`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
