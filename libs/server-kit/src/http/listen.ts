import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

export interface Listening {
  port: number;
  url: string;
}

/**
 * How many connections may wait to be accepted (the kernel caps it at `net.core.somaxconn`).
 * Node's default of 511 overflows when thousands of clients reconnect at once, after a restart or
 * a failover: the overflowing handshakes are dropped and retried a second later, or reset.
 */
export const LISTEN_BACKLOG = 4096;

/** Starts listening and tells the port actually bound, which is what port 0 needs. */
export async function listen(app: INestApplication, port: number, host = '0.0.0.0'): Promise<Listening> {
  // Nest's types take a port only, but its Fastify adapter passes an options object through to
  // Fastify's listen; the host goes twice because the adapter sets it from the second argument.
  await app.listen({ port, host, backlog: LISTEN_BACKLOG } as unknown as number, host);
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  const bound = address !== null && typeof address === 'object' ? address.port : port;
  return { port: bound, url: `http://${urlHost(host)}:${bound}` };
}

/** A wildcard address is not somewhere to connect to; the loopback one on the same family is. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
