import { createAdminClient, type AdminClient, type AdminRequest } from '@houston/admin-client';
import { ApiError, UnreachableError } from '../cli-errors';

/**
 * The admin-service's management API: the typed functions generated from its committed OpenAPI
 * document (`@houston/admin-client`), over plain JSON HTTP that sends the operator and the
 * service token and turns refusals into `ApiError`s.
 */
export function connectAdminApi(
  baseUrl: string,
  operator: string,
  fetchImpl: typeof fetch = fetch,
  /** The admin-service's service token (HOUSTON_ADMIN_TOKEN). */
  token?: string,
): AdminClient {
  return createAdminClient((request) => send(baseUrl, operator, fetchImpl, token, request));
}

async function send(
  baseUrl: string,
  operator: string,
  fetchImpl: typeof fetch,
  token: string | undefined,
  { method, path, query, headers: extraHeaders, body }: AdminRequest,
): Promise<unknown> {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', 'x-operator': operator };
  for (const [name, value] of Object.entries(extraHeaders ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  // Only with a body: the admin-service refuses a JSON content type on a body-less request.
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['authorization'] = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new UnreachableError(`cannot reach the admin-service at ${baseUrl}: ${causeOf(error)}`);
  }
  const text = await response.text();
  if (!response.ok) throw errorOf(response.status, text, `${method} ${url.origin}${url.pathname}`);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `not JSON from ${method} ${url.pathname}`);
  }
}

function errorOf(status: number, text: string, request: string): ApiError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (body && typeof body === 'object') {
      return new ApiError(
        status,
        typeof body.code === 'string' ? body.code : `HTTP_${status}`,
        typeof body.message === 'string' ? body.message : text,
        body.details,
        request,
      );
    }
  } catch {
    // not our error shape (a proxy's HTML page): the status and the text say what there is
  }
  return new ApiError(
    status,
    `HTTP_${status}`,
    text.trim().slice(0, 200) || `status ${status}`,
    undefined,
    request,
  );
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code;
      return code ? `${code} ${cause.message}` : cause.message;
    }
    return error.message;
  }
  return String(error);
}
