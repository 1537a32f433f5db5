import { Worker } from 'node:worker_threads';
import { DomainError } from '@houston/domain';
import { builtWorkerScript } from '../workers/built-worker-script';
import type { ParseReply, ParseRequest } from './json-body-protocol';
import {
  DEFAULT_BODY_SHAPE_LIMITS,
  type BodyShapeLimits,
  type OffThreadJsonParser,
} from './strict-body-parsers';

export interface WorkerJsonBodyParserOptions {
  limits?: BodyShapeLimits;
  /** Bodies up to this size are parsed on the event loop (default 64 KiB: well under a millisecond). */
  inlineMaxBytes?: number;
  /**
   * Bytes of bodies handed to the worker and not yet parsed; a body that would go past it is
   * answered 503 with Retry-After (default 64 MiB). Bounds the memory and the wait under a flood.
   */
  maxQueuedBytes?: number;
}

interface Pending {
  size: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Parses large JSON request bodies on one worker thread. On the event loop, the shape check,
 * strict UTF-8 decoding and JSON.parse of a 1 MiB body take 5–10 ms, and bodies that finish
 * arriving together are parsed back to back: ten worst-case requests held the loop (and /health)
 * for 100–400 ms. The worker takes them in turn; the event loop only copies the bytes there
 * and takes the parsed value back.
 */
export class WorkerJsonBodyParser implements OffThreadJsonParser {
  readonly inlineMaxBytes: number;
  private readonly limits: BodyShapeLimits;
  private readonly maxQueuedBytes: number;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private queuedBytes = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: WorkerJsonBodyParserOptions = {}) {
    this.limits = options.limits ?? DEFAULT_BODY_SHAPE_LIMITS;
    this.inlineMaxBytes = options.inlineMaxBytes ?? 64 * 1024;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 64 * 1024 * 1024;
  }

  /** Bodies handed to the worker and not answered yet (for tests and metrics). */
  get queued(): { bodies: number; bytes: number } {
    return { bodies: this.pending.size, bytes: this.queuedBytes };
  }

  parse(bytes: Buffer): Promise<unknown> {
    if (this.closed) return Promise.reject(new DomainError('UNAVAILABLE', 'the server is shutting down'));
    // One body is always taken, whatever its size (the body limit bounds it).
    if (this.pending.size > 0 && this.queuedBytes + bytes.length > this.maxQueuedBytes) {
      return Promise.reject(
        new DomainError(
          'UNAVAILABLE',
          'too many large request bodies are waiting to be parsed; retry shortly',
          {
            retryAfterSeconds: 1,
          },
        ),
      );
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { size: bytes.length, resolve, reject });
      this.queuedBytes += bytes.length;
      // Moved, not copied (a copy by postMessage cost more than the parse saved): the body's own
      // memory when it has some (Fastify is done with it), else a copy of just its bytes.
      const owned =
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength &&
        bytes.buffer instanceof ArrayBuffer
          ? new Uint8Array(bytes.buffer)
          : new Uint8Array(bytes);
      const request: ParseRequest = { id, bytes: owned, limits: this.limits };
      worker.postMessage(request, [owned.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new DomainError('UNAVAILABLE', 'the server is shutting down'));
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(builtWorkerScript(new URL('./json-body.worker.js', import.meta.url)), {
      // One body is parsed at a time (the queued ones wait as bytes, outside the heap); its
      // text and parsed value stay a small multiple of the body limit.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    // Idle, the worker must not keep a stopping process alive.
    worker.unref();
    worker.on('message', (reply: ParseReply) => this.settle(reply));
    const lost = () =>
      new DomainError('UNAVAILABLE', 'the request body could not be parsed; retry shortly', {
        retryAfterSeconds: 1,
      });
    worker.on('error', () => this.lose(worker, lost()));
    worker.on('exit', () => this.lose(worker, lost()));
    this.worker = worker;
    return worker;
  }

  private settle(reply: ParseReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    this.queuedBytes -= pending.size;
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new DomainError(reply.code, reply.message, reply.details));
  }

  /** The worker died (out of memory, a bug): what it held fails, the next body gets a new one. */
  private lose(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    this.failAll(error);
  }

  private failAll(error: unknown): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.queuedBytes = 0;
  }
}
