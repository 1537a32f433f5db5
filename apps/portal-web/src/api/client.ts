/** A refusal from the portal: its problem body (`{status, code, message, details}`) as sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the API named (`details.field`), for showing the message next to it. */
  get field(): string | undefined {
    const field = this.details['field'];
    return typeof field === 'string' ? field : undefined;
  }

  /** The 1-based line of a text the API refused (`details.line`). */
  get line(): number | undefined {
    const line = this.details['line'];
    return typeof line === 'number' ? line : undefined;
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** The token every state-changing call sends (`X-CSRF-Token`), from sign-in or `GET /api/session`. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a call answers 401: the session ended elsewhere or expired. */
export function whenSignedOut(listener: (() => void) | undefined): void {
  onSignedOut = listener;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  const details = (body['details'] as Record<string, unknown> | undefined) ?? {};
  return new ApiError(
    response.status,
    typeof body['code'] === 'string' ? body['code'] : `HTTP_${response.status}`,
    typeof body['message'] === 'string' ? body['message'] : response.statusText,
    details,
  );
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

/** One call to the portal's JSON API, same origin, with the session cookie and the CSRF token. */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {}))
    if (value !== undefined) query.set(name, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== '/api/login') onSignedOut?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * A call whose body or answer is not JSON (an archive): the same cookie, CSRF token and
 * refusals as `api`, the answer as it came.
 */
export async function apiRaw(
  path: string,
  options: {
    method?: 'GET' | 'POST';
    body?: Blob;
    contentType?: string;
    query?: Record<string, string | undefined>;
  } = {},
): Promise<Response> {
  const method = options.method ?? 'GET';
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {}))
    if (value !== undefined) query.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json, application/zip' };
  if (options.contentType) headers['content-type'] = options.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(query.size > 0 ? `${path}?${query}` : path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body,
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) onSignedOut?.();
    throw problem;
  }
  return response;
}

/** A path segment, encoded (app ids, keys and namespace names may hold `.`, `-`, spaces in keys). */
export const seg = encodeURIComponent;

export function nsPath(env: string, appId: string, cluster: string, namespace: string): string {
  return `/api/envs/${seg(env)}/apps/${seg(appId)}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}`;
}
