import { parentPort } from 'node:worker_threads';
import {
  compileNamespaceSchema,
  isDomainError,
  validateDocument,
  type CompiledNamespaceSchema,
  type NamespaceFormat,
} from '@houston/domain';
import type { CheckReply, CheckRequest } from './document-check-protocol';
import { lowerThreadPriority } from '../workers/lower-thread-priority';

lowerThreadPriority();

/** Compiled schemas by format and definition: compiling is code generation, checking is cheap. */
const compiled = new Map<string, CompiledNamespaceSchema>();
const MAX_COMPILED = 32;

function schemaFor(format: NamespaceFormat, definition: string): CompiledNamespaceSchema {
  const key = `${format}\n${definition}`;
  let schema = compiled.get(key);
  if (!schema) {
    schema = compileNamespaceSchema(format, definition);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, schema);
  }
  return schema;
}

// Runs inside a worker thread: parsing a user's document never blocks the server's event loop,
// and a document that exhausts this thread's time or memory budget costs the thread, not the process.
parentPort!.on('message', (request: CheckRequest) => {
  let reply: CheckReply;
  try {
    const format = request.format as NamespaceFormat;
    if (request.kind === 'document') {
      validateDocument(format, request.content);
      reply = { id: request.id, ok: true };
    } else {
      const schema = schemaFor(format, request.definition);
      const violations = request.configurations ? schema.violations(request.configurations) : [];
      reply = { id: request.id, ok: true, violations };
    }
  } catch (error) {
    reply = isDomainError(error)
      ? { id: request.id, ok: false, code: error.code, message: error.message, details: error.details }
      : { id: request.id, ok: false, code: 'INVALID_DOCUMENT', message: String(error) };
  }
  parentPort!.postMessage(reply);
});
// Loading the parsers takes a while on a busy machine; budgets start counting after this.
parentPort!.postMessage('ready');
