import { adminAuth, startServerProcess, type HoustonServerName, type ServerProcess } from '@houston/testing';
import { notificationsQuery } from '../test-support/http-client';

/** What came back, or `timedOut` when nothing came back within the bound. */
export interface BoundedAnswer {
  status: number | 'timedOut';
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture: whatever JSON came back
  headers: Headers | undefined;
  elapsedMs: number;
}

/** One HTTP call that never waits longer than `boundMs`: a hung server shows up as `timedOut`. */
export async function boundedCall(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; boundMs?: number } = {},
): Promise<BoundedAnswer> {
  const started = Date.now();
  try {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...adminAuth(),
        'x-operator': 'ops',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.boundMs ?? 10_000),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, body, headers: response.headers, elapsedMs: Date.now() - started };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { status: 'timedOut', body: undefined, headers: undefined, elapsedMs: Date.now() - started };
  }
}

/** The newest notification id a config-service hands out for `appId`'s application namespace. */
export async function currentNotificationId(configUrl: string, appId: string): Promise<number> {
  const answer = await boundedCall(configUrl, 'GET', notificationsQuery(appId, -1));
  if (answer.status !== 200) throw new Error(`notifications answered ${answer.status}`);
  return answer.body[0].notificationId as number;
}

/** Starts the servers one after another (each runs the migrations) and stops them all on `stop`. */
export async function startServers(
  names: HoustonServerName[],
  env: Record<string, string>,
): Promise<{ servers: Record<string, ServerProcess>; stop(): Promise<void> }> {
  const servers: Record<string, ServerProcess> = {};
  const stop = async () => {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  };
  try {
    for (const name of names) servers[name] = await startServerProcess(name, env);
  } catch (error) {
    await stop();
    throw error;
  }
  return { servers, stop };
}

/** Lines a process printed that are ioredis' own unstructured complaints, not Houston's logs. */
export function unhandledRedisErrors(output: string): number {
  return output.split('\n').filter((line) => line.includes('[ioredis] Unhandled error event')).length;
}
