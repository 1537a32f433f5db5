import 'reflect-metadata';
import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import request from 'supertest';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp } from './create-http-app';
import type { RequestTurns } from './request-turns';
import { DEFAULT_BODY_SHAPE_LIMITS, parseJsonBody, type OffThreadJsonParser } from './strict-body-parsers';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  readonly handled: string[] = [];

  @Post()
  create(@Body() note: NoteDto): { text: string } {
    this.handled.push(note.text);
    return { text: note.text };
  }

  @Get()
  list(): string[] {
    return this.handled;
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

/** A turn that is always over while closed: every write waits until the test opens it. */
class HeldTurns implements RequestTurns {
  private readonly held: Array<() => void> = [];
  private open = false;
  admitted = 0;

  get waiting(): number {
    return this.held.length;
  }

  admit(): Promise<void> | undefined {
    if (this.open) {
      this.admitted++;
      return undefined;
    }
    return new Promise<void>((resolve) =>
      this.held.push(() => {
        this.admitted++;
        resolve();
      }),
    );
  }

  close(): void {
    this.open = false;
  }

  /** Lets go what waits now; what asks next waits again. */
  releaseWaiting(): void {
    for (const go of this.held.splice(0)) go();
  }

  release(): void {
    this.open = true;
    this.releaseWaiting();
  }
}

/** Parses on the spot with the checks the worker runs. */
class InPlaceParser implements OffThreadJsonParser {
  readonly inlineMaxBytes = 1024;
  calls = 0;
  async parse(bytes: Buffer): Promise<unknown> {
    this.calls++;
    return parseJsonBody(bytes, DEFAULT_BODY_SHAPE_LIMITS);
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await nextCheckPhase();
}

describe('writes take turns with the event loop', () => {
  let app: NestFastifyApplication;
  let notes: NotesController;
  const turns = new HeldTurns();
  const parser = new InPlaceParser();

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, {
      logger: captureLogs('silent').logger,
      offThreadJsonParser: parser,
      requestTurns: turns,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    notes = app.get(NotesController);
  });

  afterEach(() => turns.close());

  afterAll(async () => {
    await app.close();
  });

  const post = (body: string) =>
    request(app.getHttpServer()).post('/notes').set('content-type', 'application/json').send(body);

  it('a write is handled only once admitted; none is lost while they wait', async () => {
    const sent = ['a', 'b', 'c'].map((text) => post(JSON.stringify({ text })).then((res) => res));
    await until(() => turns.waiting === 3 || notes.handled.length > 0);
    expect(notes.handled).toEqual([]);
    turns.release();
    const answers = await Promise.all(sent);
    expect(answers.map((res) => res.status)).toEqual([201, 201, 201]);
    expect([...notes.handled].sort()).toEqual(['a', 'b', 'c']);
  });

  it('reads are never held', async () => {
    const before = turns.admitted;
    const res = await request(app.getHttpServer()).get('/notes');
    expect(res.status).toBe(200);
    expect(turns.waiting).toBe(0);
    expect(turns.admitted).toBe(before);
  });

  /** Sends `body`, which is refused with `reason`, and checks the refusal waits for both its turns. */
  async function expectRefusedInItsTurns(body: string, reason: string): Promise<void> {
    let answered = false;
    const refused = post(body).then((res) => {
      answered = true;
      return res;
    });
    // Admitted once on arrival, before its body is read; then again once it is parsed.
    await until(() => turns.waiting === 1 || answered);
    turns.releaseWaiting();
    await until(() => turns.waiting === 1 || answered);
    expect(answered).toBe(false);
    turns.release();
    const res = await refused;
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BAD_REQUEST', details: { reason } });
  }

  it('a refusal of the off-thread parser waits for its turn too, then is answered', async () => {
    const wide: Record<string, string> = { text: 'x'.repeat(2_000) };
    for (let i = 0; i < 200; i++) wide[`extra${i}`] = 'y';
    await expectRefusedInItsTurns(JSON.stringify(wide), 'TOO_MANY_PROPERTIES');
  });

  it('a small body is parsed in its turn too: a refusal waits, then is answered', async () => {
    await expectRefusedInItsTurns(`{"text":${'['.repeat(100)}${']'.repeat(100)}}`, 'TOO_DEEP');
  });

  it('a write waits for its turn before its body is even read', async () => {
    const calls = parser.calls;
    const sent = post(JSON.stringify({ text: 'y'.repeat(5_000) })).then((res) => res);
    await until(() => turns.waiting === 1 || parser.calls > calls);
    expect(parser.calls).toBe(calls);
    turns.releaseWaiting();
    await until(() => parser.calls > calls);
    turns.release();
    expect((await sent).status).toBe(201);
  });
});
