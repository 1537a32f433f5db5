/** What every Houston HTTP error looks like on the wire (content type application/json). */
export interface ProblemBody {
  status: number;
  /** A domain error code, or one derived from the status (`NOT_FOUND`, `PAYLOAD_TOO_LARGE`, `INTERNAL`). */
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** Only for unexpected errors: the id under which the error was logged. */
  errorId?: string;
  path: string;
  requestId?: string;
}
