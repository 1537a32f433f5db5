import { Agent, request, type IncomingMessage } from 'node:http';
import { sleep } from './proc';
import { SOCKETS_PER_SOURCE_ADDRESS, sourceAddressFor } from './source-addresses';

export interface HeldRequest {
  index: number;
  localAddress: string;
  agent: Agent;
  /** Date.now() when the request was written. */
  sentAt: number;
  status?: number;
  /** Date.now() when the whole answer arrived. */
  answeredAt?: number;
  body?: string;
  error?: string;
}

export interface RequestSpec {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface HoldOptions {
  count: number;
  host: string;
  port: number;
  request(index: number): RequestSpec;
  /** How many connections are opened before waiting for them to connect. */
  batchSize?: number;
}

export interface HeldFleet {
  held: HeldRequest[];
  /** How long opening every connection and sending every request took. */
  openMs: number;
  destroy(): void;
}

function readWhole(held: HeldRequest, response: IncomingMessage): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => {
    held.body = Buffer.concat(chunks).toString();
    held.answeredAt = Date.now();
  });
}

/**
 * Opens `count` concurrent requests, each on its own keep-alive socket (one agent per source
 * address, maxSockets = its share), spread over 127.0.0.x source addresses when one address
 * would run out of ephemeral ports. Resolves once every request has been written.
 */
export async function openHeld(options: HoldOptions): Promise<HeldFleet> {
  const sources = Math.max(1, Math.ceil(options.count / SOCKETS_PER_SOURCE_ADDRESS));
  const agents = Array.from(
    { length: sources },
    () =>
      new Agent({
        keepAlive: true,
        maxSockets: SOCKETS_PER_SOURCE_ADDRESS,
        maxFreeSockets: SOCKETS_PER_SOURCE_ADDRESS,
      }),
  );
  const held: HeldRequest[] = [];
  const batchSize = options.batchSize ?? 500;
  const started = Date.now();
  for (let from = 0; from < options.count; from += batchSize) {
    const writes: Array<Promise<void>> = [];
    for (let index = from; index < Math.min(options.count, from + batchSize); index++) {
      const source = Math.floor(index / SOCKETS_PER_SOURCE_ADDRESS);
      const item: HeldRequest = {
        index,
        localAddress: sourceAddressFor(index),
        agent: agents[source]!,
        sentAt: 0,
      };
      held.push(item);
      const spec = options.request(index);
      writes.push(
        new Promise<void>((written) => {
          const req = request(
            {
              host: options.host,
              port: options.port,
              method: spec.method,
              path: spec.path,
              agent: item.agent,
              localAddress: item.localAddress,
              headers: spec.headers,
            },
            (response) => {
              item.status = response.statusCode;
              readWhole(item, response);
            },
          );
          req.on('error', (error) => {
            item.error = error.message;
            written();
          });
          req.on('finish', () => {
            item.sentAt = Date.now();
            written();
          });
          req.end(spec.body);
        }),
      );
    }
    await Promise.all(writes);
  }
  return {
    held,
    openMs: Date.now() - started,
    destroy() {
      for (const agent of agents) agent.destroy();
    },
  };
}

/** Waits until `done()` holds or the time is up; says which. */
export async function waitFor(done: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}
