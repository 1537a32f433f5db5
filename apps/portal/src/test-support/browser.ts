/**
 * A browser as far as redirects and cookies go: follows nothing by itself (every hop is visible to
 * the test), keeps cookies per origin, honours Max-Age=0 and Path. Enough to walk an OIDC sign-in.
 */
export interface Hop {
  status: number;
  url: string;
  location?: string;
  body: string;
  headers: Headers;
}

interface StoredCookie {
  value: string;
  path: string;
}

export class Browser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)?.value;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, StoredCookie>())]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`);
    if (cookies.length) headers['cookie'] = cookies.join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['origin'] = target.origin;
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    this.store(target.origin, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      status: response.status,
      url: target.href,
      location: location ? new URL(location, target).href : undefined,
      body: await response.text(),
      headers: response.headers,
    };
  }

  /** GETs `url` and every redirect after it while `keepGoing` says so; the last hop. */
  async follow(url: string, keepGoing: (hop: Hop) => boolean = () => true): Promise<Hop> {
    let hop = await this.request(url);
    for (let i = 0; i < 20 && hop.location && keepGoing(hop); i++) hop = await this.request(hop.location);
    return hop;
  }

  private store(origin: string, setCookies: string[]): void {
    const cookies = this.jar.get(origin) ?? new Map<string, StoredCookie>();
    this.jar.set(origin, cookies);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attribute('expires');
      const gone =
        attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone || value === '') cookies.delete(name);
      else cookies.set(name, { value, path: attribute('path') ?? '/' });
    }
  }
}
