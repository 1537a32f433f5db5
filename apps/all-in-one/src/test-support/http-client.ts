import { adminAuth } from '@houston/testing';

/** Plain HTTP helpers for the end-to-end suites: what any client (curl, an Apollo SDK) does. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture: whatever JSON came back
  text: string;
  headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  // The admin-service's token goes with every call (config-services ignore it unless the app has
  // an access key, and a test that signs sends its own Authorization in `headers`).
  const withToken = { ...adminAuth(), ...headers };
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? withToken : { 'content-type': 'application/json', ...withToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

export function notificationsQuery(
  appId: string,
  id: number,
  namespaceName = 'application',
  cluster = 'default',
): string {
  const notifications = encodeURIComponent(JSON.stringify([{ namespaceName, notificationId: id }]));
  return `/notifications/v2?appId=${encodeURIComponent(appId)}&cluster=${cluster}&notifications=${notifications}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
