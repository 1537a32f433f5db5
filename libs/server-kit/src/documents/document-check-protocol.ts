import type { DomainErrorCode, SchemaViolation } from '@houston/domain';

/** What the server sends the document-check worker: a document to parse, or a schema to apply. */
export type CheckRequest =
  | { id: number; kind: 'document'; format: string; content: string }
  | {
      id: number;
      kind: 'schema';
      format: string;
      definition: string;
      /** Absent: only compile the schema (is it usable?). */
      configurations?: Record<string, string>;
    };

/** The worker's answer: fine (with the schema's violations), or the domain error to throw in the server. */
export type CheckReply =
  | { id: number; ok: true; violations?: SchemaViolation[] }
  | { id: number; ok: false; code: DomainErrorCode; message: string; details?: Record<string, unknown> };
