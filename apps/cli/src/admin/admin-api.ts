import { ApiError, UnreachableError } from '../cli-errors';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** The admin-service's management API, as plain JSON over HTTP; errors become `ApiError`s. */
export class AdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly operator: string,
    private readonly fetchImpl: typeof fetch = fetch,
    /** The admin-service's service token (HOUSTON_ADMIN_TOKEN). */
    private readonly token?: string,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  put<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.request<T>('PUT', path, { body, query });
  }

  delete(path: string, query?: Query): Promise<void> {
    return this.request<void>('DELETE', path, { query });
  }

  async request<T>(method: string, path: string, { query, body }: RequestOptions = {}): Promise<T> {
    const url = new URL(this.baseUrl.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', 'x-operator': this.operator };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new UnreachableError(`cannot reach the admin-service at ${this.baseUrl}: ${causeOf(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw errorOf(response.status, text);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'BAD_RESPONSE', `not JSON from ${method} ${url.pathname}`);
    }
  }
}

/** `/apps/{appId}/...` with every segment escaped (namespace names carry dots, keys anything). */
export function pathOf(...segments: Array<string | number>): string {
  return segments.map((segment) => '/' + encodeURIComponent(String(segment))).join('');
}

function errorOf(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (body && typeof body === 'object') {
      return new ApiError(
        status,
        typeof body.code === 'string' ? body.code : `HTTP_${status}`,
        typeof body.message === 'string' ? body.message : text,
        body.details,
      );
    }
  } catch {
    // not our error shape (a proxy's HTML page): the status and the text say what there is
  }
  return new ApiError(status, `HTTP_${status}`, text.trim().slice(0, 200) || `status ${status}`);
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
