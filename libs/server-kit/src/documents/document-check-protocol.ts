import type { DomainErrorCode } from '@houston/domain';

/** What the server sends the document-check worker. */
export interface CheckRequest {
  id: number;
  format: string;
  content: string;
}

/** The worker's answer: fine, or the domain error to throw in the server. */
export type CheckReply =
  | { id: number; ok: true }
  | { id: number; ok: false; code: DomainErrorCode; message: string; details?: Record<string, unknown> };
