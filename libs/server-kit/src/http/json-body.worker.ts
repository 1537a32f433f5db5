import { parentPort } from 'node:worker_threads';
import { isDomainError } from '@houston/domain';
import type { ParseReply, ParseRequest } from './json-body-protocol';
import { parseJsonBody } from './strict-body-parsers';
import { lowerThreadPriority } from '../workers/lower-thread-priority';

lowerThreadPriority();

// Runs inside a worker thread: checking, decoding and parsing a large request body costs
// milliseconds per megabyte, and ten such bodies arriving together held the server's event loop
// for hundreds of milliseconds. Here they only cost this thread's time.
parentPort!.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, ok: true, value: parseJsonBody(request.bytes, request.limits) };
  } catch (error) {
    reply = isDomainError(error)
      ? { id: request.id, ok: false, code: error.code, message: error.message, details: error.details }
      : { id: request.id, ok: false, code: 'BAD_REQUEST', message: String(error) };
  }
  parentPort!.postMessage(reply);
});
