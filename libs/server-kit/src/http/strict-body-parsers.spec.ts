import 'reflect-metadata';
import { Body, Controller, Module, Post, Put, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import request from 'supertest';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp } from './create-http-app';
import {
  checkJsonBodyShape,
  DEFAULT_BODY_SHAPE_LIMITS,
  parseJsonBody,
  type OffThreadJsonParser,
} from './strict-body-parsers';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  create(@Body() note: NoteDto): { text: string } {
    return { text: note.text };
  }

  @Put('pinned')
  pin(@Query('on') on?: string): { pinned: boolean } {
    return { pinned: on === 'true' };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('request bodies', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { logger: captureLogs('silent').logger, bodyLimitBytes: 4 << 20 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  // Raw bytes as given: superagent would otherwise serialize a Buffer as JSON.
  const post = (body: string | Buffer, type = 'application/json') =>
    request(app.getHttpServer())
      .post('/notes')
      .set('content-type', type)
      .serialize(() => body as string)
      .send(body as string);

  it('takes an empty JSON body as no body: a route without one answers, one that needs it says what is missing', async () => {
    const pinned = await request(app.getHttpServer())
      .put('/notes/pinned?on=true')
      .set('content-type', 'application/json');
    expect(pinned.status).toBe(200);
    expect(pinned.body).toEqual({ pinned: true });
    const missing = await post('');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/text must be a string/);
  });

  it('accepts a well-formed body', async () => {
    const res = await post(JSON.stringify({ text: 'héllo ✓' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ text: 'héllo ✓' });
  });

  it('refuses invalid UTF-8 with 400 instead of storing U+FFFD', async () => {
    const res = await post(
      Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { reason: 'INVALID_UTF8' } });
    const text = await post(Buffer.from([0x61, 0xff]), 'text/plain');
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ details: { reason: 'INVALID_UTF8' } });
  });

  it('refuses an unpaired surrogate escape with 400 instead of storing U+FFFD, and keeps a pair', async () => {
    for (const body of ['{"text":"a\\ud800b"}', '{"text":"\\uDC00"}', '{"t":[{"\\ud83d":"x"}]}']) {
      const res = await post(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'UNPAIRED_SURROGATE' } });
    }
    const pair = await post('{"text":"\\ud83d\\ude00 \\\\ud800"}');
    expect(pair.status).toBe(201);
    expect(pair.body).toEqual({ text: '\u{1F600} \\ud800' });
  });

  it('refuses a body nested 5,000 deep with 400, not a stack overflow', async () => {
    const res = await post(`{"text":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'TOO_DEEP', limit: 32 } });
  });

  it('refuses 80,000 unknown properties before the validation pipe walks them', async () => {
    const body: Record<string, string> = { text: 'x' };
    for (let i = 0; i < 80_000; i++) body[`extra${i}`] = 'y';
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ details: { reason: 'TOO_MANY_PROPERTIES', limit: 100 } });
  });

  it('still refuses prototype poisoning', async () => {
    const res = await post('{"text":"x","__proto__":{"admin":true}}');
    expect(res.status).toBe(400);
  });
});

/** Records what it is handed and parses it on the spot with the same checks the worker runs. */
class RecordingParser implements OffThreadJsonParser {
  readonly inlineMaxBytes = 1024;
  readonly sizes: number[] = [];
  async parse(bytes: Buffer): Promise<unknown> {
    this.sizes.push(bytes.length);
    return parseJsonBody(bytes, DEFAULT_BODY_SHAPE_LIMITS);
  }
}

describe('large request bodies', () => {
  let app: NestFastifyApplication;
  const offThread = new RecordingParser();

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, {
      logger: captureLogs('silent').logger,
      bodyLimitBytes: 4 << 20,
      offThreadJsonParser: offThread,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (body: string) =>
    request(app.getHttpServer()).post('/notes').set('content-type', 'application/json').send(body);

  it('go to the off-thread parser; small ones are parsed in place', async () => {
    const large = JSON.stringify({ text: 'x'.repeat(100_000) });
    const res = await post(large);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ text: 'x'.repeat(100_000) });
    expect((await post('{"text":"small"}')).status).toBe(201);
    expect(offThread.sizes).toEqual([Buffer.byteLength(large)]);
  });

  it('get the same refusals as small ones', async () => {
    const wide: Record<string, string> = { text: 'x'.repeat(2_000) };
    for (let i = 0; i < 200; i++) wide[`extra${i}`] = 'y';
    expect((await post(JSON.stringify(wide))).body).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      details: { reason: 'TOO_MANY_PROPERTIES' },
    });
    const poisoned = await post(`{"text":"${'x'.repeat(2_000)}","__proto__":{"admin":true}}`);
    expect(poisoned.status).toBe(400);
    expect((await post(`{"text":"${'x'.repeat(2_000)}"`)).status).toBe(400);
  });
});

describe('parseJsonBody', () => {
  const parse = (json: string | Buffer) => () =>
    parseJsonBody(typeof json === 'string' ? Buffer.from(json) : json, DEFAULT_BODY_SHAPE_LIMITS);

  it('parses what is within the bounds', () => {
    expect(parse('{"a": [1, {"b": "x"}], "constructor": "fine"}')()).toEqual({
      a: [1, { b: 'x' }],
      constructor: 'fine',
    });
  });

  it('refuses prototype keys at any depth, as Fastify does', () => {
    expect(parse('{"a": [{"__proto__": {"admin": true}}]}')).toThrow(/forbidden prototype property/);
    expect(parse('{"a": {"constructor": {"prototype": {"admin": true}}}}')).toThrow(
      /forbidden prototype property/,
    );
  });

  it('refuses bad JSON, invalid UTF-8 and a shape over the bounds with 400 problems', () => {
    expect(parse('{"a": ')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(parse(Buffer.from([0x22, 0xc3, 0x28, 0x22]))).toThrow(
      expect.objectContaining({ details: { reason: 'INVALID_UTF8' } }),
    );
    expect(parse('{"a": ["\\udfff"]}')).toThrow(
      expect.objectContaining({ details: { reason: 'UNPAIRED_SURROGATE' } }),
    );
    expect(parse('['.repeat(40) + ']'.repeat(40))).toThrow(
      expect.objectContaining({ details: { reason: 'TOO_DEEP', limit: 32 } }),
    );
  });
});

describe('checkJsonBodyShape', () => {
  const limits = { maxDepth: 3, maxProperties: 2, maxValues: 6 };
  const check = (json: string) => () => checkJsonBodyShape(Buffer.from(json), limits);

  it('allows what is within the limits, whatever the strings hold', () => {
    expect(check('{"a": [1, {"b": "x"}], "c": null}')).not.toThrow();
    expect(check('"just text"')).not.toThrow();
    expect(check('{"a": "{[{[{[:::,,,\\"]]]"}')).not.toThrow();
    expect(check('[[], [], {}]')).not.toThrow();
    expect(DEFAULT_BODY_SHAPE_LIMITS).toEqual({ maxDepth: 32, maxProperties: 100, maxValues: 100_000 });
  });

  it('refuses an object wider than the limit', () => {
    expect(check('{"a": {"x": 1, "y": 2, "z": 3}}')).toThrow(
      expect.objectContaining({ details: { reason: 'TOO_MANY_PROPERTIES', limit: 2 } }),
    );
  });

  it('refuses what is too deep', () => {
    expect(check('{"a": [[{}]]}')).toThrow(/deeper than 3 levels/);
  });

  it('refuses more values in all than the limit', () => {
    expect(check('[1, 2, 3, 4, 5, 6]')).not.toThrow();
    expect(check('[1, 2, 3, 4, 5, 6, 7]')).toThrow(
      expect.objectContaining({ details: { reason: 'TOO_MANY_VALUES', limit: 6 } }),
    );
    expect(check('[{"a": 1}, {"a": 1}, {"a": 1}, {"a": 1}]')).toThrow(/more than 6 values/);
  });
});
