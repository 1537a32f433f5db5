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

  /** Resolves when the request may proceed; throws UNAUTHORIZED otherwise. */
  async check(appId: string, headers: ClientRequestHeaders, pathWithQuery: string): Promise<void> {
    const secrets = await this.keys.enabledSecrets(appId);
    if (secrets.length === 0) return;
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
  }
}
