import 'reflect-metadata';
import type { ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Module,
  NotFoundException,
  Post,
  Res,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '@houston/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { createHttpApp } from '../http/create-http-app';
import { HttpProblemFilter } from './http-problem.filter';
import { inject } from '../test-support/inject';
import { captureLogs } from '../test-support/log-capture';

class ItemDto {
  @IsString()
  key!: string;
}

class CreateDto {
  @IsString()
  name!: string;

  @IsOptional()
  @IsInt()
  @Max(10)
  count?: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items?: ItemDto[];
}

@Controller()
class ProbeController {
  @Get('locked')
  locked(): never {
    throw new DomainError('LOCKED', 'namespace is locked by bob', { lockedBy: 'bob' });
  }

  @Get('missing')
  missing(): never {
    throw new DomainError('NOT_FOUND', 'app x not found');
  }

  @Get('nest-404')
  nest404(): never {
    throw new NotFoundException('no such thing');
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('database-down')
  databaseDown(): never {
    // What TypeORM throws when mysql2 cannot reach the server: the driver's error wrapped.
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), {
      driverError: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }),
    });
  }

  @Get('busy')
  busy(): never {
    // How the body-bytes, parse-queue and document-queue caps refuse: their own wait.
    throw new DomainError('UNAVAILABLE', 'too many request bodies are being received; retry shortly', {
      retryAfterSeconds: 1,
    });
  }

  @Get('shutting-down')
  shuttingDown(): never {
    throw new DomainError('UNAVAILABLE', 'the server is shutting down');
  }

  @Get('poll-cap')
  pollCap(): never {
    throw new DomainError('TOO_MANY_REQUESTS', 'already holds as many long polls as it may', {
      client: '10.0.0.1',
    });
  }

  @Get('nest-429')
  nest429(): never {
    throw new HttpException('slow down', 429);
  }

  @Get('raw-reply')
  rawReply(@Res() _reply: FastifyReply): never {
    throw new DomainError('CONFLICT', 'raced');
  }

  @Post('create')
  @HttpCode(201)
  create(@Body() body: CreateDto): { name: string; isDto: boolean } {
    return { name: body.name, isDto: body instanceof CreateDto };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HttpProblemFilter in an app', () => {
  let app: NestFastifyApplication;
  const logs = captureLogs('info');

  beforeAll(async () => {
    app = await createHttpApp(ProbeModule, { logger: logs.logger, bodyLimitBytes: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a domain error with its status, code, message and details', async () => {
    const res = await inject(app, {
      method: 'GET',
      url: '/locked?x=1',
      headers: { 'x-request-id': 'req-1' },
    });
    expect(res.statusCode).toBe(423);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      status: 423,
      code: 'LOCKED',
      message: 'namespace is locked by bob',
      details: { lockedBy: 'bob' },
      path: '/locked',
      requestId: 'req-1',
    });
  });

  it('maps NOT_FOUND to 404', async () => {
    const res = await inject(app, { method: 'GET', url: '/missing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'app x not found' });
  });

  it('gives Nest HttpExceptions a code from their status', async () => {
    const res = await inject(app, { method: 'GET', url: '/nest-404' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'no such thing' });
  });

  it('answers unknown routes in the same shape', async () => {
    const res = await inject(app, { method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', path: '/nowhere' });
  });

  it('hides unexpected errors behind a logged errorId', async () => {
    const res = await inject(app, { method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      path: '/boom',
      requestId: expect.any(String),
    });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain(' at ');
    const logged = logs.lines.find((line) => line['errorId'] === body.errorId);
    expect(logged).toBeDefined();
    expect((logged!['err'] as { stack: string }).stack).toContain('hunter2');
  });

  it('answers an unreachable database 503 UNAVAILABLE with Retry-After', async () => {
    const res = await inject(app, { method: 'GET', url: '/database-down' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({
      status: 503,
      code: 'UNAVAILABLE',
      message: 'the database or Redis is unreachable or did not answer in time; retry later',
      details: { retryAfterSeconds: 5 },
      path: '/database-down',
      requestId: expect.any(String),
    });
  });

  it.each([
    ['/database-down', 503, 5],
    ['/busy', 503, 1],
    ['/shutting-down', 503, 5],
    ['/poll-cap', 429, 5],
    ['/nest-429', 429, 5],
  ])('answers %s with one wait, the same in Retry-After and the body', async (url, status, seconds) => {
    const res = await inject(app, { method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['retry-after']).toBe(String(seconds));
    expect(res.json().details).toMatchObject({ retryAfterSeconds: seconds });
  });

  it('answers the bare Node response of raw middleware with the same wait in header and body', () => {
    const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const raw = {
      headersSent: false,
      writableEnded: false,
      writeHead(status: number, headers: Record<string, string>) {
        written.status = status;
        written.headers = headers;
      },
      end(body: string) {
        written.body = body;
      },
    };
    new HttpProblemFilter(logs.logger).answer(
      new DomainError('UNAVAILABLE', 'busy', { retryAfterSeconds: 2 }),
      undefined,
      raw as unknown as ServerResponse,
    );
    expect(written.status).toBe(503);
    expect(written.headers!['retry-after']).toBe('2');
    expect(JSON.parse(written.body!).details).toEqual({ retryAfterSeconds: 2 });
  });

  it('works when the handler owns the Fastify reply', async () => {
    const res = await inject(app, { method: 'GET', url: '/raw-reply' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', message: 'raced' });
  });

  it('validates and transforms DTOs', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/create',
      payload: { name: 'a', count: 2, items: [{ key: 'k' }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ name: 'a', isDto: true });
  });

  it('refuses invalid DTOs with VALIDATION_FAILED and each field, nested ones by path', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/create',
      payload: { count: 11, items: [{ key: 'ok' }, { key: 5 }], extra: true },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.details.fields as Array<{ field: string; constraints: string[] }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['count', 'extra', 'items.1.key', 'name']);
    expect(fields.find((f) => f.field === 'items.1.key')!.constraints).toEqual(['key must be a string']);
    expect(body.message).toContain('items.1.key must be a string');
    expect(body.message).toContain('property extra should not exist');
    expect(body.message).toContain('name must be a string');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await inject(app, { method: 'POST', url: '/create', payload: { name: 'x'.repeat(4096) } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      details: { reason: 'FST_ERR_CTP_BODY_TOO_LARGE' },
    });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/create',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
