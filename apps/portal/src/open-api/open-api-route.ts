import { applyDecorators, SetMetadata, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ACCESS_RULE, type AccessRule } from '../sessions/access';
import { ApolloErrorFilter } from './apollo-error.filter';
import { ConsumerAuditInterceptor } from './consumer-audit.interceptor';
import { ConsumerTokenGuard } from './consumer-token.guard';

export { Needs, type OpenApiNeeds } from './open-api-needs';

/**
 * Marks a controller as Apollo's Open API: token instead of session (the portal guard lets it
 * through to `ConsumerTokenGuard`), errors in Apollo's shape, writes audited. One decorator, so a
 * controller cannot get the rule without the guard.
 */
export const OpenApiController = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'consumer-token' } satisfies AccessRule),
    UseGuards(ConsumerTokenGuard),
    UseFilters(ApolloErrorFilter),
    UseInterceptors(ConsumerAuditInterceptor),
  );
