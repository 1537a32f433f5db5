import { parentPort } from 'node:worker_threads';
import { isDomainError, validateDocument, type NamespaceFormat } from '@houston/domain';
import type { CheckReply, CheckRequest } from './document-check-protocol';

// Runs inside a worker thread: parsing a user's document never blocks the server's event loop,
// and a document that exhausts this thread's time or memory budget costs the thread, not the process.
parentPort!.on('message', (request: CheckRequest) => {
  let reply: CheckReply;
  try {
    validateDocument(request.format as NamespaceFormat, request.content);
    reply = { id: request.id, ok: true };
  } catch (error) {
    reply = isDomainError(error)
      ? { id: request.id, ok: false, code: error.code, message: error.message, details: error.details }
      : { id: request.id, ok: false, code: 'INVALID_DOCUMENT', message: String(error) };
  }
  parentPort!.postMessage(reply);
});
// Loading the parsers takes a while on a busy machine; budgets start counting after this.
parentPort!.postMessage('ready');
