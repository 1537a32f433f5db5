import { DomainError, verifyClientSignature } from '@houston/domain';
import type { AccessKeyLookup, EnabledKeys } from './access-key-lookup';
import type { ObservedMismatches } from './observed-mismatches';

export interface ClientRequestHeaders {
  authorization?: string | string[];
  timestamp?: string | string[];
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Apollo's client authentication. When an app has an enabled FILTER key, every read and long
 * poll of it must carry a valid signature (refusals say only that they are refusals). When it
 * has only OBSERVER keys, the signature is checked the same way, a mismatch is reported
 * (rate-limited) and the request is served.
 */
export class ClientAuthorizer {
  constructor(
    private readonly keys: AccessKeyLookup,
    private readonly observed: ObservedMismatches,
  ) {}

  /**
   * Throws UNAUTHORIZED when the request may not proceed. Decided at once (returns undefined)
   * when the app's keys are cached, which is the usual case on the read path; otherwise returns
   * a promise that settles the same way once they are loaded.
   */
  check(appId: string, headers: ClientRequestHeaders, pathWithQuery: string): Promise<void> | undefined {
    const cached = this.keys.cachedKeys(appId);
    if (cached !== undefined) return this.verify(appId, cached, headers, pathWithQuery);
    return this.keys.enabledKeys(appId).then((keys) => this.verify(appId, keys, headers, pathWithQuery));
  }

  private verify(
    appId: string,
    keys: EnabledKeys,
    headers: ClientRequestHeaders,
    pathWithQuery: string,
  ): undefined {
    const enforced = keys.filter.length > 0;
    if (!enforced && keys.observer.length === 0) return undefined;
    const verdict = verifyClientSignature(
      {
        appId,
        authorization: first(headers.authorization),
        timestamp: first(headers.timestamp),
        pathWithQuery,
      },
      enforced ? keys.filter : keys.observer,
      Date.now(),
    );
    if (verdict === 'ok') return undefined;
    if (!enforced) {
      this.observed.record(appId, verdict, pathWithQuery);
      return undefined;
    }
    throw new DomainError('UNAUTHORIZED', verdict === 'skewed' ? 'RequestTimeTooSkewed' : 'Unauthorized');
  }
}
