import { SetMetadata } from '@nestjs/common';

export const OPEN_API_NEEDS = 'houston:portal:open-api-needs';

/**
 * What an Open API route needs from the consumer's grants, read against the path's `:env`,
 * `:appId` and `:namespaceName`: `token` is any consumer (the handler checks what it finds),
 * `read` a grant on the app, `modify`/`release` one on the namespace, `app` one on the whole app.
 */
export type OpenApiNeeds = 'token' | 'read' | 'modify' | 'release' | 'app';

export const Needs = (needs: OpenApiNeeds) => SetMetadata(OPEN_API_NEEDS, needs);
