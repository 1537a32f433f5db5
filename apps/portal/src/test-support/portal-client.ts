/** A browser-like client of the portal: keeps the session cookie, sends the CSRF token on writes. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture: whatever JSON came back
  headers: Headers;
}

export class PortalClient {
  cookie?: string;
  csrfToken?: string;

  constructor(readonly base: string) {}

  static async signedIn(base: string, username: string, password: string): Promise<PortalClient> {
    const client = new PortalClient(base);
    const answer = await client.login(username, password);
    if (answer.status !== 200) throw new Error(`sign-in as ${username} failed: ${answer.status}`);
    return client;
  }

  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
    const answer = await this.request('POST', '/api/login', { username, password }, headers);
    const setCookie = answer.headers.get('set-cookie');
    if (answer.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrfToken = answer.body.csrfToken;
    }
    return answer;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body);
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }
}
