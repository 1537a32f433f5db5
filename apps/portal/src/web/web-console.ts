import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `scripts/build.mjs` writes the console (`apps/portal-web`'s Vite build), from the repository root. */
export const WEB_CONSOLE_BUILD_DIR = join('dist', 'portal-web');

/**
 * First path segments that belong to the server, never to the console: an unknown `/api/...`
 * path is the API's 404 problem, not the console's page.
 */
const SERVER_SEGMENTS = new Set(['api', 'openapi', 'openapi.json', 'health', 'ready', 'metrics']);

/**
 * The page's policy: scripts and connections to this origin only; styles inline too, because
 * the component library and the editor write their styles at run time.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The built console, looked for upwards from this module: from `dist/apps/portal/src/web` when
 * the server runs built, from `apps/portal/src/web` under Jest; both reach `<root>/dist/portal-web`.
 */
export function findWebConsoleRoot(
  from: string = dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = from;
  for (let level = 0; level < 8; level++) {
    const candidate = join(dir, WEB_CONSOLE_BUILD_DIR);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function isServerPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  const first = path.split('/')[1] ?? '';
  return SERVER_SEGMENTS.has(first);
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY');
}

/**
 * Serves the console's files from `root` and its page for every other GET that is not the
 * server's own (client-side routes such as `/apps/demo` reload to the same page). Paths under
 * `/api`, `/openapi`, `/health`, `/ready` are left to the server's routes and its 404.
 */
export async function serveWebConsole(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const page = readFileSync(join(root, 'index.html'));
  await fastify.register(fastifyStatic, {
    root,
    // Only the files present at start-up, each as its own route: the wildcard below is the page.
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      reply.header('x-content-type-options', 'nosniff');
      // Vite names every asset after its content hash, so a cached copy never goes stale.
      if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const answerWithPage = (url: string, reply: FastifyReply) => {
    // A missing file (its last segment has a dot) is a 404, not the page with status 200.
    const last = url.split('?', 1)[0]!.split('/').pop() ?? '';
    if (isServerPath(url) || last.includes('.')) return reply.callNotFound();
    return pageHeaders(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  };
  fastify.get('/', (request, reply) => answerWithPage(request.url, reply));
  fastify.get('/*', (request, reply) => answerWithPage(request.url, reply));
}
