import { DomainError } from '@houston/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Request-body bytes the server holds at once, from the moment a request with a body arrives
 * until its answer is sent: the bytes while they stream in, then the parsed body while the
 * request is handled. Bounded, so that however many clients send at once the memory of bodies
 * stays within `maxBytes` (a small multiple of it with the parsed values).
 */
export class BodyBytesBudget {
  private heldBytes = 0;
  private heldBodies = 0;

  constructor(readonly maxBytes: number) {}

  /** Bodies and bytes reserved now (for tests and metrics). */
  get held(): { bodies: number; bytes: number } {
    return { bodies: this.heldBodies, bytes: this.heldBytes };
  }

  /**
   * Reserves `bytes` for one body; false when that would go past the budget. One body is always
   * taken, whatever its size (the body limit bounds it), so a lone large body is never refused.
   */
  reserve(bytes: number): boolean {
    if (this.heldBodies > 0 && this.heldBytes + bytes > this.maxBytes) return false;
    this.heldBytes += bytes;
    this.heldBodies++;
    return true;
  }

  release(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
    this.heldBodies = Math.max(0, this.heldBodies - 1);
  }
}

/** 16 bodies at the 4 MiB default body limit (`HOUSTON_BODY_LIMIT`). */
export const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * What a request's body may take: its Content-Length, or the whole body limit when it is sent in
 * chunks. 0 (nothing to reserve) without a body, or when the length is over the limit: Fastify
 * answers that one 413 before reading it.
 */
export function bodyBytesOf(request: Pick<FastifyRequest, 'headers'>, bodyLimit: number): number {
  const length = request.headers['content-length'];
  if (length !== undefined) {
    const bytes = Number(length);
    return Number.isFinite(bytes) && bytes > 0 && bytes <= bodyLimit ? bytes : 0;
  }
  return request.headers['transfer-encoding'] !== undefined ? bodyLimit : 0;
}

/**
 * Refuses a request whose body would take the server past `budget`, before a byte of it is read:
 * 503 `UNAVAILABLE` with Retry-After. The bytes are given back when the answer has been sent or
 * the connection closed, whichever comes first.
 */
export function installBodyBytesBudget(
  fastify: FastifyInstance,
  budget: BodyBytesBudget,
  bodyLimit: number,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const bytes = bodyBytesOf(request, bodyLimit);
    if (bytes === 0) return done();
    if (!budget.reserve(bytes)) {
      return done(
        new DomainError('UNAVAILABLE', 'too many request bodies are being received; retry shortly', {
          retryAfterSeconds: 1,
        }),
      );
    }
    reply.raw.once('close', () => budget.release(bytes));
    done();
  });
}
