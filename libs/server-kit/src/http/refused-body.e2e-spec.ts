import 'reflect-metadata';
import { connect, type Socket } from 'node:net';
import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp } from './create-http-app';
import { listen } from './listen';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  create(@Body() note: NoteDto): { length: number } {
    return { length: note.text.length };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

const LIMIT = 64 * 1024;

/**
 * Sends a POST whose Content-Length announces `bodyBytes`, in two halves with a pause between
 * them (the server answers as soon as it has the headers), then reads what comes back.
 * Resolves with the raw answer, or with the socket error the client got while still sending.
 */
function postInTwoHalves(
  port: number,
  bodyBytes: number,
): Promise<{ answer: string; answeredBeforeTheBody: boolean; error?: string }> {
  return new Promise((resolve) => {
    // Half-open: the server's FIN after its answer must not stop the client sending the rest.
    const socket: Socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let answer = '';
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure.code ?? failure.message));
    let answeredBeforeTheBody = false;
    socket.on('close', () => resolve({ answer, answeredBeforeTheBody, error }));
    const half = Buffer.alloc(bodyBytes / 2, 'x');
    socket.write(
      `POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bodyBytes}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(half);
    // Long enough for the server to have answered and, if it closes at once, to have closed.
    setTimeout(() => {
      answeredBeforeTheBody = answer.length > 0;
      socket.end(half);
    }, 300);
  });
}

describe('a body refused by its Content-Length before it is read', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { logger: captureLogs('silent').logger, bodyLimitBytes: LIMIT });
    ({ port } = await listen(app, 0, '127.0.0.1'));
  });

  afterAll(async () => {
    await app.close();
  });

  it('is read and thrown away, so a client still sending it gets the 413 and no reset', async () => {
    // Fastify answered 413 and closed at once: a client still writing got EPIPE or ECONNRESET
    // instead of the answer (Node's fetch reports "fetch failed").
    const { answer, answeredBeforeTheBody, error } = await postInTwoHalves(port, 2 * LIMIT);
    expect(answeredBeforeTheBody).toBe(false);
    expect(error).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  it('closes the connection without waiting for a body too large to be worth reading', async () => {
    // Headers and a little of the body, then nothing: the server must not wait for the rest.
    const closedBy = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('end', () => resolve(answer));
      socket.write(
        `POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${64 * LIMIT}\r\n\r\n${'x'.repeat(1000)}`,
      );
    });
    expect(closedBy).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('still parses a body within the limit', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(1000) }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ length: 1000 });
  });
});
