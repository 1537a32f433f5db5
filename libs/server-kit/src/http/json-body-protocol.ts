import type { DomainErrorCode } from '@houston/domain';
import type { BodyShapeLimits } from './strict-body-parsers';

/** What the server sends the JSON body worker: the raw bytes of one request body. */
export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  limits: BodyShapeLimits;
}

/** The worker's answer: the parsed body, or the domain error to answer with. */
export type ParseReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: DomainErrorCode; message: string; details?: Record<string, unknown> };
