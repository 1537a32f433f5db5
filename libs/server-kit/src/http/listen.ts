import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

export interface Listening {
  port: number;
  url: string;
}

/** Starts listening and tells the port actually bound, which is what port 0 needs. */
export async function listen(app: INestApplication, port: number, host = '0.0.0.0'): Promise<Listening> {
  await app.listen(port, host);
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
