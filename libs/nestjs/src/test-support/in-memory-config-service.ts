/**
 * A config-service answering the Apollo client protocol from memory through a `fetch` function:
 * lets the module's tests run a real HoustonClient without sockets.
 */
export class InMemoryConfigService {
  private releases = new Map<string, { releaseKey: string; configurations: Record<string, string> }>();
  private ids = new Map<string, number>();
  private nextId = 1;
  private waiters = new Set<() => void>();

  publish(namespace: string, configurations: Record<string, string>): void {
    this.releases.set(namespace, { releaseKey: `rk-${this.nextId}`, configurations });
    this.ids.set(namespace, this.nextId++);
    for (const wake of [...this.waiters]) wake();
  }

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const configs = /^\/configs\/[^/]+\/[^/]+\/([^/]+)$/.exec(url.pathname);
    if (configs) {
      const release = this.releases.get(decodeURIComponent(configs[1]!));
      if (!release) return new Response('{}', { status: 404 });
      if (url.searchParams.get('releaseKey') === release.releaseKey)
        return new Response(null, { status: 304 });
      return Response.json(release);
    }
    if (url.pathname === '/notifications/v2') {
      const watched = JSON.parse(url.searchParams.get('notifications')!) as {
        namespaceName: string;
        notificationId: number;
      }[];
      const behind = () =>
        watched
          .filter((w) => (this.ids.get(w.namespaceName) ?? -1) > w.notificationId)
          .map((w) => ({ namespaceName: w.namespaceName, notificationId: this.ids.get(w.namespaceName)! }));
      if (behind().length > 0) return Response.json(behind());
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        init?.signal?.addEventListener('abort', () => {
          this.waiters.delete(wake);
          reject(init.signal!.reason);
        });
      });
      return Response.json(behind());
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
}
