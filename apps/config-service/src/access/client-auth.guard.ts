import { DomainError, verifyClientSignature } from '@houston/domain';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessKeyLookup } from './access-key-lookup';

/**
 * Apollo's client authentication: when an app has an enabled access key, every read and long
 * poll of it must carry a valid signature. Refusals say only that they are refusals.
 */
@Injectable()
export class ClientAuthGuard implements CanActivate {
  constructor(private readonly keys: AccessKeyLookup) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const appId = (request.params as { appId?: string }).appId ?? (request.query as { appId?: string }).appId;
    if (!appId) return true; // the handler answers 400 for a missing app id
    const secrets = await this.keys.enabledSecrets(appId);
    if (secrets.length === 0) return true;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const verdict = verifyClientSignature(
      {
        appId,
        authorization: header('authorization'),
        timestamp: header('timestamp'),
        pathWithQuery: request.url,
      },
      secrets,
      Date.now(),
    );
    if (verdict === 'ok') return true;
    throw new DomainError('UNAUTHORIZED', verdict === 'skewed' ? 'RequestTimeTooSkewed' : 'Unauthorized');
  }
}
