import { DomainError } from '@houston/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { whenAdmitted, type RequestTurns } from './request-turns';

/**
 * Bounds on the shape of a JSON request body, checked on its bytes before JSON.parse and before
 * anything walks the body recursively. Houston's request bodies are flat objects with a few
 * fields and lists of strings; these bounds are far above any of them.
 */
export interface BodyShapeLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most properties in one object. */
  maxProperties: number;
  /** Most values (properties and array elements) in the whole body. */
  maxValues: number;
}

/**
 * class-transformer, which the validation pipe runs first, de-duplicates each object's keys by
 * comparing every key with all before it: 80,000 unknown properties blocked the event loop for
 * 10 s. Recursion over a body nested 5,000 deep overflowed the stack (a 500). Both are refused
 * here, before the body is even parsed; within these bounds the whole walk is a few milliseconds.
 */
export const DEFAULT_BODY_SHAPE_LIMITS: BodyShapeLimits = {
  maxDepth: 32,
  maxProperties: 100,
  maxValues: 100_000,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function tooLarge(reason: string, message: string, limit: number): DomainError {
  return new DomainError('BAD_REQUEST', message, { reason, limit });
}

/**
 * One pass over the raw bytes of a JSON body: nesting depth, properties per object (colons
 * outside strings) and values in all (properties plus array elements). It does not check the
 * syntax, JSON.parse does that next; it only makes sure that parsing and validating the body
 * stay cheap.
 */
export function checkJsonBodyShape(bytes: Uint8Array, limits: BodyShapeLimits): void {
  // Per open container: properties counted so far (objects) or -1 for an array.
  const counts = new Int32Array(limits.maxDepth + 1);
  const isArray = new Uint8Array(limits.maxDepth + 1);
  const arrayEmpty = new Uint8Array(limits.maxDepth + 1);
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte <= 0x20) continue;
    if (depth > 0 && isArray[depth] === 1 && arrayEmpty[depth] === 1 && byte !== CLOSE_ARRAY) {
      arrayEmpty[depth] = 0;
      values++;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth >= limits.maxDepth) {
          throw tooLarge(
            'TOO_DEEP',
            `the request body is nested deeper than ${limits.maxDepth} levels`,
            limits.maxDepth,
          );
        }
        depth++;
        counts[depth] = 0;
        isArray[depth] = byte === OPEN_ARRAY ? 1 : 0;
        arrayEmpty[depth] = 1;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth--;
        break;
      case COLON:
        if (depth > 0 && isArray[depth] === 0 && ++counts[depth]! > limits.maxProperties) {
          throw tooLarge(
            'TOO_MANY_PROPERTIES',
            `an object in the request body has more than ${limits.maxProperties} properties`,
            limits.maxProperties,
          );
        }
        values++;
        break;
      case COMMA:
        if (depth > 0 && isArray[depth] === 1) values++;
        break;
    }
    if (values > limits.maxValues) {
      throw tooLarge(
        'TOO_MANY_VALUES',
        `the request body holds more than ${limits.maxValues} values`,
        limits.maxValues,
      );
    }
  }
}

type Done = (error: Error | null, body?: unknown) => void;
type BodyParser = (request: FastifyRequest, body: Buffer, done: Done) => void;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decoded strictly: invalid UTF-8 is refused, never stored as U+FFFD. */
export function decodeUtf8Body(body: Uint8Array): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new DomainError('BAD_REQUEST', 'the request body is not valid UTF-8', { reason: 'INVALID_UTF8' });
  }
}

/** A `\uD800`–`\uDFFF` escape in JSON text: the only way a decoded body can hold a surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** A surrogate code unit without its other half (no `u` flag: this looks at code units). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * An escape such as `"\uD800"` without its pair is valid JSON but no character: stored, it would
 * become U+FFFD, as invalid UTF-8 did. Refused the same way, in keys and values at any depth.
 */
export function refuseUnpairedSurrogates(text: string, value: unknown): void {
  if (!SURROGATE_ESCAPE.test(text)) return;
  // Iterative, like the prototype check: the shape check bounds the values to walk.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (UNPAIRED_SURROGATE.test(node)) {
        throw new DomainError(
          'BAD_REQUEST',
          'the request body holds an unpaired surrogate escape (\\uD800 to \\uDFFF), which is no character',
          { reason: 'UNPAIRED_SURROGATE' },
        );
      }
    } else if (Array.isArray(node)) {
      stack.push(...node);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) stack.push(key, child);
    }
  }
}

/**
 * Own keys that would reach an object's prototype if a later merge copied them, refused as
 * Fastify's parser refuses them (its `onProtoPoisoning` and `onConstructorPoisoning` = error).
 */
function refusePrototypeKeys(text: string, value: unknown): void {
  if (!text.includes('__proto__') && !text.includes('constructor')) return;
  // Iterative: the shape check bounds the depth, but no recursion is needed at all.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      if (Object.prototype.hasOwnProperty.call(node, '__proto__')) {
        throw new DomainError('BAD_REQUEST', 'Object contains forbidden prototype property');
      }
      const constructor = (node as Record<string, unknown>)['constructor'];
      if (
        Object.prototype.hasOwnProperty.call(node, 'constructor') &&
        constructor !== null &&
        typeof constructor === 'object' &&
        Object.prototype.hasOwnProperty.call(constructor, 'prototype')
      ) {
        throw new DomainError('BAD_REQUEST', 'Object contains forbidden prototype property');
      }
    }
    for (const child of Object.values(node))
      if (child !== null && typeof child === 'object') stack.push(child);
  }
}

/**
 * A whole JSON body, as the worker parses it: the shape bounds, strict UTF-8, JSON.parse, then
 * the prototype keys Fastify's parser refuses. The same answers as the parser on the event loop.
 */
export function parseJsonBody(bytes: Uint8Array, limits: BodyShapeLimits): unknown {
  checkJsonBodyShape(bytes, limits);
  const text = decodeUtf8Body(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DomainError('BAD_REQUEST', (error as Error).message);
  }
  refusePrototypeKeys(text, value);
  refuseUnpairedSurrogates(text, value);
  return value;
}

/** Parses JSON bodies away from the event loop (see `WorkerJsonBodyParser`). */
export interface OffThreadJsonParser {
  /** Bodies longer than this go to `parse`; shorter ones are parsed in place, which is cheaper. */
  readonly inlineMaxBytes: number;
  parse(bytes: Buffer): Promise<unknown>;
}

/**
 * JSON bodies: the shape bounds, strict UTF-8, then Fastify's own parser (prototype poisoning
 * refused). Large bodies go to `offThread` when given, with the same checks. With `turns`, a small
 * body is parsed, and what comes back from `offThread` goes on, only when admitted (refusals
 * included): bodies arrive, and the parse worker answers, many at once.
 */
export function strictJsonBodyParser(
  fastify: FastifyInstance,
  limits: BodyShapeLimits,
  offThread?: OffThreadJsonParser,
  turns?: RequestTurns,
): BodyParser {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    // No bytes is no body (Fastify's own parser refuses it): `curl -X PUT -H 'content-type:
    // application/json' …/enable` and clients that always send the header reach a route that takes
    // none, and one that needs a body says which field is missing.
    if (body.length === 0) return done(null, undefined);
    if (offThread && body.length > offThread.inlineMaxBytes) {
      offThread.parse(body).then(
        (value) => whenAdmitted(turns, () => done(null, value)),
        (error: Error) => whenAdmitted(turns, () => done(error)),
      );
      return;
    }
    // Small bodies are parsed in place, in their turn: dozens arriving in one read of the sockets
    // were parsed (and refused) back to back.
    whenAdmitted(turns, () => {
      let text: string;
      try {
        checkJsonBodyShape(body, limits);
        text = decodeUtf8Body(body);
      } catch (error) {
        done(error as Error);
        return;
      }
      parseJson(request, text, (error, value) => {
        if (error) return done(error);
        try {
          refuseUnpairedSurrogates(text, value);
        } catch (refusal) {
          return done(refusal as Error);
        }
        done(null, value);
      });
    });
  };
}

/** Plain-text bodies: strict UTF-8. */
export const strictTextBodyParser: BodyParser = (_request, body, done) => {
  try {
    done(null, decodeUtf8Body(body));
  } catch (error) {
    done(error as Error);
  }
};
