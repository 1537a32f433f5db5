import type { FastifyInstance } from 'fastify';

/** How long an error answer may wait for the unread rest of its request's body. */
export const REFUSED_BODY_DRAIN_MS = 10_000;

/**
 * An error answer to a request whose body was not read (over the size limit by its Content-Length,
 * or refused before the body was looked at) waits until the client has sent that body, which is
 * read and thrown away, and only then goes out. Answering at once and closing reset the connection
 * under a client still sending: it saw EPIPE or ECONNRESET, never the 413 (Node's fetch reports
 * only "fetch failed"). Tomcat's `maxSwallowSize` and nginx's lingering close do the same.
 *
 * Bounded: a body announced larger than `maxDrainBytes`, or sent in chunks of unknown length, is
 * not waited for (the connection is closed as before), and no answer waits longer than `maxDrainMs`.
 * Nothing is kept: the bytes are dropped as they arrive.
 */
export function installRefusedBodyDrain(
  fastify: FastifyInstance,
  maxDrainBytes: number,
  maxDrainMs = REFUSED_BODY_DRAIN_MS,
): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode < 400 || raw.complete || raw.readableEnded || raw.destroyed) {
      return done(null, payload);
    }
    const length = Number(request.headers['content-length']);
    if (!Number.isSafeInteger(length) || length <= 0 || length > maxDrainBytes) {
      return done(null, payload);
    }
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      raw.off('end', answer).off('error', answer).off('close', answer);
      done(null, payload);
    };
    const timer = setTimeout(answer, maxDrainMs);
    raw.on('end', answer).on('error', answer).on('close', answer);
    raw.resume();
  });
}
