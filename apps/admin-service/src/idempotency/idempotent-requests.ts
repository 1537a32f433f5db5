import { DomainError } from '@houston/domain';
import { isUniqueViolation, type RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { IDEMPOTENCY_KEY_TTL_MS, requestHashOf, type IdempotentRequest } from './idempotency-key';

/**
 * Records the request in the use case's own transaction, with the answer it is about to give:
 * the key is stored exactly when the effect is committed, never one without the other.
 */
export type RecordRequest<T> = (repos: RepositoryPorts, response: T) => Promise<void>;

/**
 * Requests that carry an `Idempotency-Key` are applied at most once. A retry of the same request
 * (same operation, target, inputs and operator) within a day gets the first answer replayed; the
 * same key with another request is refused with 409. The key is written in the transaction that
 * applies the request (see `RecordRequest`); two copies racing each other meet at the key's
 * unique index, the loser's transaction is rolled back and it replays the winner's answer.
 */
@Injectable()
export class IdempotentRequests {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  async run<T>(
    key: string | undefined,
    request: IdempotentRequest,
    apply: (record?: RecordRequest<T>) => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return apply();
    const requestHash = requestHashOf(request);
    const earlier = await this.replay<T>(key, request, requestHash);
    if (earlier.found) return earlier.response;
    const record: RecordRequest<T> = (repos, response) =>
      repos.idempotencyKeys.insert(
        {
          requestKey: key,
          operation: request.operation,
          requestHash,
          response: JSON.stringify(response),
          expiresAt: Date.now() + IDEMPOTENCY_KEY_TTL_MS,
        },
        Date.now(),
      );
    try {
      return await apply(record);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another copy of this request committed first; this one was rolled back.
      const winner = await this.replay<T>(key, request, requestHash);
      if (winner.found) return winner.response;
      throw error;
    }
  }

  private async replay<T>(
    key: string,
    request: IdempotentRequest,
    requestHash: string,
  ): Promise<{ found: true; response: T } | { found: false }> {
    const recorded = await this.options.database.repos.idempotencyKeys.findLive(key, Date.now());
    if (!recorded) return { found: false };
    if (recorded.operation !== request.operation || recorded.requestHash !== requestHash) {
      throw new DomainError(
        'CONFLICT',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
        { reason: 'IDEMPOTENCY_KEY_REUSED', operation: recorded.operation },
      );
    }
    return { found: true, response: JSON.parse(recorded.response) as T };
  }
}
