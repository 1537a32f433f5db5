import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultMode = 'pass' | 'freeze' | 'refuse';

interface Pipe {
  client: Socket;
  upstream: Socket | null;
  /** Bytes held back while frozen, per direction, delivered in order when the proxy passes again. */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

/**
 * A TCP proxy on 127.0.0.1 between a Houston process and MariaDB or Redis, to play a failing
 * dependency against real processes:
 * - `pass`: forwards both ways;
 * - `freeze`: forwards nothing and answers nothing, but keeps every socket open and accepts new
 *   ones (a hung server or a silent network: only timeouts notice);
 * - `refuse`: drops every open connection and refuses new ones (the server is down).
 * Data held while frozen is delivered when the proxy passes again.
 */
export class FaultProxy {
  private mode: FaultMode = 'pass';
  private readonly pipes = new Set<Pipe>();
  private server: Server;
  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: Server,
  ) {
    this.server = server;
  }

  /** Listens on an OS-chosen port in front of `target`. */
  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const accepted: Socket[] = [];
    const server = createServer((socket) => accepted.push(socket));
    await listen(server, 0);
    const proxy = new FaultProxy(target, (server.address() as AddressInfo).port, server);
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => proxy.accept(socket));
    for (const socket of accepted) proxy.accept(socket);
    return proxy;
  }

  /** The proxy in place of the target's host and port in a URL (`mysql://…`, `redis://…`). */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  get current(): FaultMode {
    return this.mode;
  }

  /** How many client connections are open through the proxy now. */
  get openConnections(): number {
    return this.pipes.size;
  }

  async pass(): Promise<void> {
    const wasRefusing = this.mode === 'refuse';
    this.mode = 'pass';
    if (wasRefusing) {
      this.server = createServer((socket) => this.accept(socket));
      await listen(this.server, this.port);
    }
    for (const pipe of this.pipes) {
      if (!pipe.upstream) this.connectUpstream(pipe);
      this.flush(pipe);
    }
  }

  freeze(): void {
    if (this.mode === 'refuse') throw new Error('pass() before freeze() after refuse()');
    this.mode = 'freeze';
  }

  async refuse(): Promise<void> {
    if (this.mode === 'refuse') return;
    this.mode = 'refuse';
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const pipe of [...this.pipes]) this.drop(pipe);
    await closed;
  }

  async close(): Promise<void> {
    const wasRefusing = this.mode === 'refuse';
    this.mode = 'refuse';
    for (const pipe of [...this.pipes]) this.drop(pipe);
    if (!wasRefusing) await new Promise<void>((done) => this.server.close(() => done()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const pipe: Pipe = { client, upstream: null, held: { toUpstream: [], toClient: [] } };
    this.pipes.add(pipe);
    client.on('data', (chunk: Buffer) => this.forward(pipe, 'toUpstream', chunk));
    client.on('error', () => this.drop(pipe));
    client.on('close', () => this.drop(pipe));
    // A frozen server does not even complete the handshake: connect once the proxy passes.
    if (this.mode === 'pass') this.connectUpstream(pipe);
  }

  private connectUpstream(pipe: Pipe): void {
    const upstream = createConnection(this.target);
    pipe.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => this.forward(pipe, 'toClient', chunk));
    upstream.on('error', () => this.drop(pipe));
    upstream.on('close', () => this.drop(pipe));
  }

  private forward(pipe: Pipe, direction: 'toUpstream' | 'toClient', chunk: Buffer): void {
    if (this.mode !== 'pass' || pipe.held[direction].length > 0) {
      pipe.held[direction].push(chunk);
      return;
    }
    (direction === 'toUpstream' ? pipe.upstream : pipe.client)!.write(chunk);
  }

  private flush(pipe: Pipe): void {
    for (const chunk of pipe.held.toUpstream.splice(0)) pipe.upstream?.write(chunk);
    for (const chunk of pipe.held.toClient.splice(0)) pipe.client.write(chunk);
  }

  private drop(pipe: Pipe): void {
    if (!this.pipes.delete(pipe)) return;
    pipe.client.destroy();
    pipe.upstream?.destroy();
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
}
