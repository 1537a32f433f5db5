import { DomainError, verifyClientSignature } from '@houston/domain';
import type { AccessKeyLookup } from './access-key-lookup';

export interface ClientRequestHeaders {
  authorization?: string | string[];
  timestamp?: string | string[];
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Apollo's client authentication: when an app has an enabled access key, every read and long
 * poll of it must carry a valid signature. Refusals say only that they are refusals.
 */
export class ClientAuthorizer {
  constructor(private readonly keys: AccessKeyLookup) {}

  /**
   * Throws UNAUTHORIZED when the request may not proceed. Decided at once (returns undefined)
   * when the app's keys are cached, which is the usual case on the read path; otherwise returns
   * a promise that settles the same way once they are loaded.
   */
  check(appId: string, headers: ClientRequestHeaders, pathWithQuery: string): Promise<void> | undefined {
    const cached = this.keys.cachedSecrets(appId);
    if (cached !== undefined) return verify(appId, cached, headers, pathWithQuery);
    return this.keys.enabledSecrets(appId).then((secrets) => verify(appId, secrets, headers, pathWithQuery));
  }
}

function verify(
  appId: string,
  secrets: string[],
  headers: ClientRequestHeaders,
  pathWithQuery: string,
): undefined {
  if (secrets.length === 0) return undefined;
  const verdict = verifyClientSignature(
    {
      appId,
      authorization: first(headers.authorization),
      timestamp: first(headers.timestamp),
      pathWithQuery,
    },
    secrets,
    Date.now(),
  );
  if (verdict !== 'ok')
    throw new DomainError('UNAUTHORIZED', verdict === 'skewed' ? 'RequestTimeTooSkewed' : 'Unauthorized');
  return undefined;
}
