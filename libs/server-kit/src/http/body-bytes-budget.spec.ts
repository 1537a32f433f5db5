import 'reflect-metadata';
import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import request from 'supertest';
import { captureLogs } from '../test-support/log-capture';
import { BodyBytesBudget, bodyBytesOf } from './body-bytes-budget';
import { createHttpApp } from './create-http-app';

describe('BodyBytesBudget', () => {
  it('reserves bodies until the next would go past the budget, and takes them again once given back', () => {
    const budget = new BodyBytesBudget(100);
    expect(budget.reserve(60)).toBe(true);
    expect(budget.reserve(40)).toBe(true);
    expect(budget.reserve(1)).toBe(false);
    expect(budget.held).toEqual({ bodies: 2, bytes: 100 });
    budget.release(60);
    expect(budget.reserve(50)).toBe(true);
    expect(budget.held).toEqual({ bodies: 2, bytes: 90 });
  });

  it('always takes one body, however large', () => {
    const budget = new BodyBytesBudget(100);
    expect(budget.reserve(500)).toBe(true);
    expect(budget.reserve(1)).toBe(false);
    budget.release(500);
    expect(budget.held).toEqual({ bodies: 0, bytes: 0 });
  });
});

describe('bodyBytesOf', () => {
  const of = (headers: Record<string, string>) => bodyBytesOf({ headers }, 1000);
  it('is the Content-Length, the body limit for a chunked body, 0 without a body or over the limit', () => {
    expect(of({ 'content-length': '120' })).toBe(120);
    expect(of({ 'transfer-encoding': 'chunked' })).toBe(1000);
    expect(of({})).toBe(0);
    expect(of({ 'content-length': '0' })).toBe(0);
    expect(of({ 'content-length': '5000' })).toBe(0);
  });
});

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class SlowNotesController {
  readonly arrived: string[] = [];
  private readonly waiting: Array<() => void> = [];

  @Post()
  async create(@Body() note: NoteDto): Promise<{ length: number }> {
    this.arrived.push(note.text);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return { length: note.text.length };
  }

  finishAll(): void {
    for (const finish of this.waiting.splice(0)) finish();
  }
}

@Module({ controllers: [SlowNotesController] })
class SlowNotesModule {}

describe('request bodies held at once', () => {
  let app: NestFastifyApplication;
  let notes: SlowNotesController;

  beforeAll(async () => {
    app = await createHttpApp(SlowNotesModule, {
      logger: captureLogs('silent').logger,
      maxBodyBytesInFlight: 10_000,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    notes = app.get(SlowNotesController);
  });

  afterAll(async () => {
    notes.finishAll();
    await app.close();
  });

  const post = (text: string) =>
    request(app.getHttpServer())
      .post('/notes')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text }));

  it('past the budget a request is refused 503 with Retry-After; the held one is answered whole and its bytes are given back', async () => {
    const first = post('a'.repeat(6_000)).then((res) => res);
    while (notes.arrived.length === 0) await nextCheckPhase();

    const refused = await post('b'.repeat(6_000));
    expect(refused.status).toBe(503);
    // One wait, the same in the header and the body.
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toMatchObject({ code: 'UNAVAILABLE', details: { retryAfterSeconds: 1 } });
    expect(notes.arrived).toHaveLength(1);

    notes.finishAll();
    const answered = await first;
    expect(answered.status).toBe(201);
    expect(answered.body).toEqual({ length: 6_000 });

    // Given back once answered: the same request is taken now.
    const retried = post('b'.repeat(6_000)).then((res) => res);
    while (notes.arrived.length < 2) await nextCheckPhase();
    notes.finishAll();
    expect((await retried).status).toBe(201);
    expect(notes.arrived).toEqual(['a'.repeat(6_000), 'b'.repeat(6_000)]);
  });

  it('small bodies that fit are taken side by side', async () => {
    notes.arrived.length = 0;
    const sent = ['x', 'y', 'z'].map((text) => post(text.repeat(1_000)).then((res) => res));
    while (notes.arrived.length < 3) await nextCheckPhase();
    notes.finishAll();
    expect((await Promise.all(sent)).map((res) => res.status)).toEqual([201, 201, 201]);
  });
});
