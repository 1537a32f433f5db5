import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      Array.isArray(value) ? String(value[0]) : String(value),
    ]),
  );
}

/** A JSON object body (Spring binds a missing or non-object body to nothing). */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** `true`/`false` as Spring reads a boolean parameter; absent is `fallback`. */
export function booleanParam(raw: string | undefined, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  throw new BadRequestException(`${name} must be true or false`);
}

/** A non-negative integer parameter with a default and an upper bound. */
export function intParam(
  raw: string | undefined,
  name: string,
  fallback: number,
  max: number,
  min = 0,
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestException(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Apollo's encoded keys: URL-safe Base64 of the key's UTF-8 bytes (padding optional). */
export function decodedKey(encoded: string): string {
  const bare = encoded.replace(/=+$/, '');
  const key = Buffer.from(bare, 'base64url').toString('utf8');
  if (bare === '' || Buffer.from(key, 'utf8').toString('base64url') !== bare) {
    throw new BadRequestException('the key must be URL-safe Base64');
  }
  return key;
}
