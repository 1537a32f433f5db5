import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface InjectRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  payload?: unknown;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * One request to an initialised app. Goes through supertest rather than Fastify's `inject`, whose
 * cookie dependency is ESM only and cannot be loaded by Jest's CommonJS runtime on Node 20.
 */
export async function inject(app: INestApplication, req: InjectRequest): Promise<InjectResponse> {
  const agent = request(app.getHttpServer());
  let call = agent[req.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](req.url).buffer(true);
  // Keep the body as text whatever its type, so the test sees exactly what was sent.
  call = call.parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  for (const [name, value] of Object.entries(req.headers ?? {})) call = call.set(name, value);
  if (req.payload !== undefined) {
    call = typeof req.payload === 'string' ? call.send(req.payload) : call.send(req.payload as object);
  }
  const res = await call;
  const body = typeof res.body === 'string' ? res.body : '';
  return { statusCode: res.status, headers: res.headers, body, json: () => JSON.parse(body) };
}
