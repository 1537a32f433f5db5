import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Decides whether new work may start in this turn of the event loop (`eventLoopTurns` of
 * libs/persistence, whose budget SQLite statements share): `undefined` to go on now, else a
 * promise that resolves in a later turn.
 */
export interface RequestTurns {
  admit(): Promise<void> | undefined;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requests that may cost the event loop more than a clock read: every write. */
export function takesTurns(request: Pick<FastifyRequest, 'method'>): boolean {
  return !READS.has(request.method);
}

/**
 * Writes are admitted in turns of the event loop, as many as its budget allows, three times: on
 * arrival, before their body is read (a write that waits leaves its bytes in the socket); when
 * the body has been parsed (see `strictJsonBodyParser`); and before validation and the handler.
 * The others wait for a later turn. Requests that arrived together were handled back to back:
 * forty or sixty hostile writes, each a millisecond of body handling, routing, validation, lookups
 * and refusal, held the loop and `/health` for over 100 ms. Reads are never held.
 */
export function installRequestTurns(fastify: FastifyInstance, turns: RequestTurns): void {
  const admitWrites = (request: FastifyRequest, _reply: unknown, done: () => void) =>
    takesTurns(request) ? whenAdmitted(turns, done) : done();
  fastify.addHook('onRequest', admitWrites);
  fastify.addHook('preValidation', admitWrites);
}

/** Runs `go` now when `turns` admits new work in this turn of the loop, else in the turn it does. */
export function whenAdmitted(turns: RequestTurns | undefined, go: () => void): void {
  const wait = turns?.admit();
  if (wait) void wait.then(go);
  else go();
}
