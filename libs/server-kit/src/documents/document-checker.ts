import { Worker } from 'node:worker_threads';
import {
  compileNamespaceSchema,
  DomainError,
  validateDocument,
  type NamespaceFormat,
  type SchemaViolation,
} from '@houston/domain';
import { builtWorkerScript } from '../workers/built-worker-script';
import type { CheckReply, CheckRequest } from './document-check-protocol';

/** Checks that a yaml/json/xml document parses (and stays within the document bounds). */
export interface DocumentChecker {
  check(format: NamespaceFormat, content: string): Promise<void>;
  /**
   * Applies a namespace's JSON Schema to a whole configuration (its key→value map; a document
   * namespace's `content`), or only compiles it when `configurations` is absent. Throws
   * VALIDATION_FAILED for an unusable schema.
   */
  checkSchema(
    format: NamespaceFormat,
    definition: string,
    configurations?: Record<string, string>,
  ): Promise<SchemaViolation[]>;
  close(): Promise<void>;
}

/** Checks on the calling thread: for tests of code that takes a checker, and for tiny inputs. */
export class InlineDocumentChecker implements DocumentChecker {
  async check(format: NamespaceFormat, content: string): Promise<void> {
    validateDocument(format, content);
  }

  async checkSchema(
    format: NamespaceFormat,
    definition: string,
    configurations?: Record<string, string>,
  ): Promise<SchemaViolation[]> {
    const schema = compileNamespaceSchema(format, definition);
    return configurations ? schema.violations(configurations) : [];
  }

  async close(): Promise<void> {}
}

export interface WorkerDocumentCheckerOptions {
  /** Longest one document may take to check; past it the worker is stopped and the answer is 413. */
  timeoutMs: number;
  /** Heap of the worker thread; a document that needs more is answered 413. */
  maxHeapMb?: number;
  /** Documents waiting for the worker; beyond this the answer is 503 (retry later). */
  maxQueue?: number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Job {
  request: CheckRequest;
  resolve(violations: SchemaViolation[]): void;
  reject(error: unknown): void;
}

/**
 * Parses documents on one worker thread, one at a time, each within a time and memory budget.
 * A yaml parser needs about a second per megabyte (more on a busy machine), so even a valid large
 * document would stall every other request if it were parsed on the event loop; a hostile one
 * (a megabyte of `[`) took 12 s and a gigabyte. Here the worst a document can do is use up its
 * budget on the worker, which is then replaced.
 */
export class WorkerDocumentChecker implements DocumentChecker {
  private worker: Worker | undefined;
  private workerReady = false;
  private current: { job: Job; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly maxHeapMb: number;
  private readonly maxQueue: number;

  constructor(private readonly options: WorkerDocumentCheckerOptions) {
    this.maxHeapMb = options.maxHeapMb ?? 256;
    this.maxQueue = options.maxQueue ?? 64;
  }

  async check(format: NamespaceFormat, content: string): Promise<void> {
    await this.enqueue({ kind: 'document', format, content });
  }

  checkSchema(
    format: NamespaceFormat,
    definition: string,
    configurations?: Record<string, string>,
  ): Promise<SchemaViolation[]> {
    return this.enqueue({ kind: 'schema', format, definition, configurations });
  }

  private enqueue(request: DistributiveOmit<CheckRequest, 'id'>): Promise<SchemaViolation[]> {
    if (this.closed) return Promise.reject(new DomainError('UNAVAILABLE', 'the server is shutting down'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new DomainError('UNAVAILABLE', 'too many documents are waiting to be checked; retry shortly', {
          retryAfterSeconds: 1,
        }),
      );
    }
    return new Promise<SchemaViolation[]>((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ } as CheckRequest, resolve, reject });
      this.startNext();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new DomainError('UNAVAILABLE', 'the server is shutting down'));
    }
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private startNext(): void {
    if (this.current || this.closed || this.queue.length === 0) return;
    const worker = this.ensureWorker();
    if (!this.workerReady) return;
    const job = this.queue.shift();
    if (!job) return;
    const timer = setTimeout(
      () => this.fail(worker, this.budgetExceeded(job, 'time')),
      this.options.timeoutMs,
    );
    this.current = { job, timer };
    worker.postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(builtWorkerScript(new URL('./document-check.worker.js', import.meta.url)), {
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    // Idle, the worker must not keep a stopping process alive.
    worker.unref();
    worker.on('message', (reply: CheckReply | 'ready') => {
      if (reply !== 'ready') {
        this.settle(reply);
      } else if (this.worker === worker) {
        this.workerReady = true;
        this.startNext();
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = this.current?.job;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(worker, job && outOfMemory ? this.budgetExceeded(job, 'memory') : error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.fail(worker, new Error('the document check worker stopped'));
    });
    this.worker = worker;
    this.workerReady = false;
    return worker;
  }

  private settle(reply: CheckReply): void {
    const current = this.current;
    if (!current || current.job.request.id !== reply.id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    if (reply.ok) current.job.resolve(reply.violations ?? []);
    else current.job.reject(new DomainError(reply.code, reply.message, reply.details));
    this.startNext();
  }

  /** The job in hand fails with `error`; the worker is replaced (it may be stuck or broken). */
  private fail(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    const started = this.workerReady;
    this.worker = undefined;
    this.workerReady = false;
    void worker.terminate();
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(error);
    }
    // A worker that cannot even start would fail every job the same way: fail them now.
    if (!started) for (const job of this.queue.splice(0)) job.reject(error);
    this.startNext();
  }

  private budgetExceeded(job: Job, what: 'time' | 'memory'): DomainError {
    const budget = what === 'time' ? `${this.options.timeoutMs} ms` : `${this.maxHeapMb} MiB`;
    return new DomainError(
      'PAYLOAD_TOO_LARGE',
      `the ${job.request.format} document is too complex to check within ${budget}`,
      { format: job.request.format, budget: what },
    );
  }
}
