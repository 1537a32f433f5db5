import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problemCodeOfStatus } from './http-status-of';
import type { ProblemBody } from './problem-body';

/** What Node's parser reports, by the status the request gets. */
const STATUS_BY_PARSER_ERROR: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    message: 'the request line and headers are larger than this server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'the request was not received in time' },
};

/**
 * Answers a request Node's HTTP parser refused before any route could see it (headers over the
 * size limit, a malformed request line, a timeout) with the same problem body as every other
 * error, in place of Fastify's own `{error, message, statusCode}`. The path is unknown here: the
 * request was never parsed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection, or one already answered, has nobody left to tell.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code === undefined ? undefined : STATUS_BY_PARSER_ERROR[error.code];
  const status = known?.status ?? 400;
  const problem: ProblemBody = {
    status,
    code: problemCodeOfStatus(status),
    message: known?.message ?? 'the request is not valid HTTP',
    ...(error.code === undefined ? {} : { details: { reason: error.code } }),
    path: '',
  };
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        `content-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
