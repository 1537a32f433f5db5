import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ZIP_CONTENT_TYPE } from './transfer.controller';

/**
 * Lets `POST /api/apps/{appId}/import` take a zip as its body, up to `maxBytes` (413 beyond,
 * before the body is read in full). An HTML form cannot send this content type, so it does not
 * open a way around the portal's cross-site checks; writes still need the CSRF token.
 */
export function acceptZipBodies(app: NestFastifyApplication, maxBytes: number): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      ZIP_CONTENT_TYPE,
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_request, body, done) => done(null, body),
    );
}
