import { connect, type Socket } from 'node:net';

import { sourceAddressFor } from './source-addresses';
/** A response head larger than this is treated as malformed. */
const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);
const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding', 'latin1');
const CHUNKED = Buffer.from('chunked', 'latin1');
const IDENTITY = Buffer.from('identity', 'latin1');
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const ZERO = 0x30;
const NINE = 0x39;
/** A chunk-size line (extensions included) or a trailer section longer than this is malformed. */
const MAX_CHUNK_LINE_BYTES = 4096;

/** How the body after the current head is being read. */
const Body = {
  /** No response in progress: the next bytes are a head. */
  None: 0,
  /** Content-length body copied into `body` (it spans chunks). */
  Buffered: 1,
  /** Content-length body handed to the sink piece by piece. */
  Streamed: 2,
  /** Chunked body, decoded and handed to the sink. */
  Chunked: 3,
} as const;
type BodyMode = (typeof Body)[keyof typeof Body];

/** Where the chunked decoder is. */
const Chunk = {
  Size: 0,
  Extension: 1,
  SizeLf: 2,
  Data: 3,
  DataCr: 4,
  DataLf: 5,
  /** At the start of a trailer line (an empty one ends the response). */
  Trailer: 6,
  TrailerLine: 7,
  TrailerLineLf: 8,
  EndLf: 9,
} as const;
type ChunkState = (typeof Chunk)[keyof typeof Chunk];

export interface RawResponse {
  status: number;
  body: Buffer;
  /** Date.now() when the whole response had arrived. */
  at: number;
}

export class HttpParseError extends Error {
  override name = 'HttpParseError';
}

/** Receives a streamed body piece by piece: views into the socket's chunk, copy what you keep. */
export type BodySink = (piece: Buffer) => void;

/**
 * Incremental HTTP/1.1 response parser: status line, headers (only `content-length` and
 * `transfer-encoding` are looked at), body by content-length, or chunked when the response is
 * streamed. Chunks may split a response anywhere or hold several responses. `streamFor`, asked at
 * each head, returns a sink for responses that are streamed (their body goes to it as it arrives
 * and `onResponse` gets an empty body at the end); any other response is read whole. `feed` throws
 * an HttpParseError on anything it does not handle (a chunked body nobody streams, close-delimited
 * bodies, a malformed status line, header or chunk framing); the stream cannot be resynchronised
 * after that.
 */
export class ResponseParser {
  /** Bytes of a head that has not fully arrived yet. */
  private head: Buffer | undefined;
  /** Body being filled across chunks. */
  private body: Buffer | undefined;
  private filled = 0;
  private status = 0;
  private contentLength = -1;
  private chunked = false;
  private mode: BodyMode = Body.None;
  private sink: BodySink | undefined;
  /** Content-length bytes, or bytes of the current chunk, still to come. */
  private remaining = 0;
  private chunkState: ChunkState = Chunk.Size;
  private sizeDigits = 0;
  /** Bytes of the current chunk-size line or of the trailers, against MAX_CHUNK_LINE_BYTES. */
  private lineBytes = 0;

  constructor(
    private readonly onResponse: (status: number, body: Buffer) => void,
    private readonly streamFor?: (status: number) => BodySink | undefined,
  ) {}

  /** True between responses (nothing of the next one has arrived). */
  get idle(): boolean {
    return this.head === undefined && this.mode === Body.None;
  }

  feed(chunk: Buffer): void {
    let searchFrom = 0;
    if (this.head !== undefined) {
      searchFrom = Math.max(0, this.head.length - 3);
      chunk = Buffer.concat([this.head, chunk]);
      this.head = undefined;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (this.mode === Body.Buffered) {
        const body = this.body!;
        const take = Math.min(body.length - this.filled, chunk.length - offset);
        chunk.copy(body, this.filled, offset, offset + take);
        this.filled += take;
        offset += take;
        if (this.filled === body.length) {
          this.body = undefined;
          this.mode = Body.None;
          this.onResponse(this.status, body);
        }
        continue;
      }
      if (this.mode === Body.Streamed) {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= take;
        this.sink!(chunk.subarray(offset, offset + take));
        offset += take;
        if (this.remaining === 0) this.finishStream();
        continue;
      }
      if (this.mode === Body.Chunked) {
        offset = this.decodeChunked(chunk, offset);
        continue;
      }
      const end = chunk.indexOf(HEAD_END, Math.max(offset, searchFrom));
      searchFrom = 0;
      if (end < 0) {
        if (chunk.length - offset > MAX_HEAD_BYTES)
          throw new HttpParseError(`response head longer than ${MAX_HEAD_BYTES} bytes`);
        this.head = chunk.subarray(offset);
        return;
      }
      const length = this.parseHead(chunk, offset, end);
      offset = end + 4;
      const sink = this.streamFor?.(this.status);
      if (length < 0) {
        if (sink === undefined)
          throw new HttpParseError(
            `${this.status} response with transfer-encoding: chunked on a request that is not streamed (only content-length bodies)`,
          );
        this.sink = sink;
        this.mode = Body.Chunked;
        this.chunkState = Chunk.Size;
        this.remaining = 0;
        this.sizeDigits = 0;
        this.lineBytes = 0;
      } else if (length === 0) {
        this.onResponse(this.status, EMPTY);
      } else if (sink !== undefined) {
        this.sink = sink;
        this.mode = Body.Streamed;
        this.remaining = length;
      } else if (chunk.length - offset >= length) {
        this.onResponse(this.status, chunk.subarray(offset, offset + length));
        offset += length;
      } else {
        this.body = Buffer.allocUnsafe(length);
        this.filled = 0;
        this.mode = Body.Buffered;
      }
    }
  }

  private finishStream(): void {
    this.sink = undefined;
    this.mode = Body.None;
    this.onResponse(this.status, EMPTY);
  }

  /**
   * Decodes chunked framing from `chunk[offset…]`, handing data to the sink as views of `chunk`;
   * returns where it stopped (the end of `chunk`, or just past the response's last CRLF).
   */
  private decodeChunked(chunk: Buffer, offset: number): number {
    const length = chunk.length;
    while (offset < length) {
      if (this.chunkState === Chunk.Data) {
        const take = Math.min(this.remaining, length - offset);
        this.remaining -= take;
        this.sink!(chunk.subarray(offset, offset + take));
        offset += take;
        if (this.remaining === 0) this.chunkState = Chunk.DataCr;
        continue;
      }
      const byte = chunk[offset++]!;
      switch (this.chunkState) {
        case Chunk.Size: {
          const digit = hexValue(byte);
          if (digit >= 0) {
            if (this.remaining > Number.MAX_SAFE_INTEGER / 16)
              throw new HttpParseError('chunk size too large');
            this.remaining = this.remaining * 16 + digit;
            this.sizeDigits++;
          } else if (this.sizeDigits > 0 && (byte === SEMICOLON || byte === SPACE || byte === TAB)) {
            this.chunkState = Chunk.Extension;
          } else if (this.sizeDigits > 0 && byte === CR) {
            this.chunkState = Chunk.SizeLf;
          } else {
            throw new HttpParseError(`malformed chunk size (byte 0x${byte.toString(16)})`);
          }
          this.countLineByte();
          break;
        }
        case Chunk.Extension:
          // Extensions (";name=value", possibly quoted) carry nothing we need; the line ends at CR.
          if (byte === CR) this.chunkState = Chunk.SizeLf;
          else if (byte === LF) throw new HttpParseError('bare LF in a chunk-size line');
          this.countLineByte();
          break;
        case Chunk.SizeLf:
          if (byte !== LF) throw new HttpParseError('chunk-size line not ended by CRLF');
          this.sizeDigits = 0;
          this.lineBytes = 0;
          this.chunkState = this.remaining === 0 ? Chunk.Trailer : Chunk.Data;
          break;
        case Chunk.DataCr:
          if (byte !== CR) throw new HttpParseError('chunk data not followed by CRLF');
          this.chunkState = Chunk.DataLf;
          break;
        case Chunk.DataLf:
          if (byte !== LF) throw new HttpParseError('chunk data not followed by CRLF');
          this.chunkState = Chunk.Size;
          break;
        case Chunk.Trailer:
          this.chunkState = byte === CR ? Chunk.EndLf : Chunk.TrailerLine;
          this.countLineByte();
          break;
        case Chunk.TrailerLine:
          if (byte === CR) this.chunkState = Chunk.TrailerLineLf;
          this.countLineByte();
          break;
        case Chunk.TrailerLineLf:
          if (byte !== LF) throw new HttpParseError('bare CR in the trailers');
          this.chunkState = Chunk.Trailer;
          this.countLineByte();
          break;
        case Chunk.EndLf:
          if (byte !== LF) throw new HttpParseError('chunked body not ended by CRLF');
          this.finishStream();
          return offset;
      }
    }
    return offset;
  }

  private countLineByte(): void {
    if (++this.lineBytes > MAX_CHUNK_LINE_BYTES)
      throw new HttpParseError(`chunk-size line or trailers longer than ${MAX_CHUNK_LINE_BYTES} bytes`);
  }

  /**
   * Parses the head in `buf[start, end)` (`end` is where `\r\n\r\n` starts); returns the body
   * length, or -1 for a chunked body.
   */
  private parseHead(buf: Buffer, start: number, end: number): number {
    // "HTTP/1.x SSS" followed by a space or the end of the line.
    const ok =
      end - start >= 12 &&
      buf[start] === 0x48 && // H
      buf[start + 1] === 0x54 && // T
      buf[start + 2] === 0x54 && // T
      buf[start + 3] === 0x50 && // P
      buf[start + 4] === 0x2f && // /
      buf[start + 5] === 0x31 && // 1
      buf[start + 6] === 0x2e && // .
      isDigit(buf[start + 7]) &&
      buf[start + 8] === SPACE &&
      isDigit(buf[start + 9]) &&
      isDigit(buf[start + 10]) &&
      isDigit(buf[start + 11]) &&
      (start + 12 === end || buf[start + 12] === SPACE || buf[start + 12] === CR);
    if (!ok) {
      const lineEnd = buf.indexOf(CR, start);
      const line = buf.toString('latin1', start, Math.min(lineEnd < 0 ? end : lineEnd, start + 60));
      throw new HttpParseError(`malformed status line ${JSON.stringify(line)}`);
    }
    this.status = (buf[start + 9]! - ZERO) * 100 + (buf[start + 10]! - ZERO) * 10 + (buf[start + 11]! - ZERO);
    this.contentLength = -1;
    this.chunked = false;

    let line = buf.indexOf(CR, start + 12);
    while (line >= 0 && line < end) {
      const from = line + 2; // past "\r\n"
      let to = buf.indexOf(CR, from);
      if (to < 0 || to > end) to = end;
      if (buf[line + 1] !== LF) throw new HttpParseError('bare CR in the response head');
      this.header(buf, from, to);
      line = to === end ? -1 : to;
    }

    if (this.status < 200) throw new HttpParseError(`unexpected interim response ${this.status}`);
    // A 304 may carry the content-length of the body it stands for; neither it nor 204 has a body.
    if (this.status === 204 || this.status === 304) return 0;
    // Transfer-encoding overrides content-length (RFC 9112, 6.3).
    if (this.chunked) return -1;
    if (this.contentLength < 0)
      throw new HttpParseError(`${this.status} response without content-length (close-delimited body)`);
    return this.contentLength;
  }

  private header(buf: Buffer, from: number, to: number): void {
    const colon = buf.indexOf(COLON, from);
    if (colon < 0 || colon >= to) {
      throw new HttpParseError(`malformed header line ${JSON.stringify(buf.toString('latin1', from, to))}`);
    }
    let valueFrom = colon + 1;
    while (valueFrom < to && (buf[valueFrom] === SPACE || buf[valueFrom] === TAB)) valueFrom++;
    let valueTo = to;
    while (valueTo > valueFrom && (buf[valueTo - 1] === SPACE || buf[valueTo - 1] === TAB)) valueTo--;

    if (nameIs(buf, from, colon, CONTENT_LENGTH)) {
      if (valueFrom === valueTo) throw new HttpParseError('empty content-length');
      let length = 0;
      for (let i = valueFrom; i < valueTo; i++) {
        const byte = buf[i]!;
        if (byte < ZERO || byte > NINE || length > Number.MAX_SAFE_INTEGER / 10)
          throw new HttpParseError(
            `malformed content-length ${JSON.stringify(buf.toString('latin1', valueFrom, valueTo))}`,
          );
        length = length * 10 + (byte - ZERO);
      }
      if (this.contentLength >= 0 && this.contentLength !== length)
        throw new HttpParseError('conflicting content-length headers');
      this.contentLength = length;
    } else if (nameIs(buf, from, colon, TRANSFER_ENCODING)) {
      if (nameIs(buf, valueFrom, valueTo, CHUNKED)) {
        this.chunked = true;
      } else if (!nameIs(buf, valueFrom, valueTo, IDENTITY)) {
        const value = buf.toString('latin1', valueFrom, valueTo);
        throw new HttpParseError(
          `transfer-encoding: ${value} is not supported (only content-length or chunked bodies)`,
        );
      }
    }
  }
}

/** The value of a hex digit, or -1. */
function hexValue(byte: number): number {
  if (byte >= ZERO && byte <= NINE) return byte - ZERO;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

/** Case-insensitive comparison of `buf[from, to)` with a lower-case ASCII name or token. */
function nameIs(buf: Buffer, from: number, to: number, name: Buffer): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let byte = buf[from + i]!;
    if (byte >= 0x41 && byte <= 0x5a) byte |= 0x20;
    if (byte !== name[i]) return false;
  }
  return true;
}

/** A request body, sent with its content-length. */
export interface RequestBody {
  text: string;
  contentType: string;
}

/** What a streamed request hands its response to. */
export interface StreamHandler {
  /** The status, as soon as the head has arrived. */
  onHead?(status: number): void;
  /** The body (chunked or not) as it arrives: views into the socket's chunk, copy what you keep. */
  onData: BodySink;
}

interface Pending {
  resolve(response: RawResponse): void;
  reject(error: Error): void;
  stream?: StreamHandler;
}

/**
 * One keep-alive connection. `send` writes a request and resolves with its whole response;
 * `stream` hands the response's body over as it arrives (chunked too). Requests sent before the
 * previous answer arrived are answered in order (HTTP/1.1 pipelining).
 */
export class RawConnection {
  /** Date.now() when the last request was written. */
  sentAt = 0;
  /** Why the connection failed or closed, once it has. */
  error?: string;
  private readonly pending: Pending[] = [];
  private readonly parser: ResponseParser;
  private closed = false;

  constructor(
    readonly index: number,
    readonly localAddress: string,
    private readonly socket: Socket,
    private readonly hostHeader: string,
  ) {
    this.parser = new ResponseParser(
      (status, body) => {
        const waiting = this.pending.shift();
        if (waiting === undefined) throw new HttpParseError(`unsolicited ${status} response`);
        waiting.resolve({ status, body, at: Date.now() });
      },
      (status) => {
        const stream = this.pending[0]?.stream;
        stream?.onHead?.(status);
        return stream?.onData;
      },
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        this.parser.feed(chunk);
      } catch (error) {
        this.fail(error instanceof Error ? error.message : String(error));
        socket.destroy();
      }
    });
    socket.on('error', (error) => this.fail(`socket error: ${error.message}`));
    socket.on('close', () =>
      this.fail(
        this.pending.length === 0
          ? 'connection closed'
          : this.parser.idle
            ? 'connection closed with a request outstanding'
            : 'connection closed in the middle of a response',
      ),
    );
  }

  /**
   * Writes `METHOD path HTTP/1.1` (path with its query string), with `body` if given, and resolves
   * with the response. A chunked response fails the connection: only `stream` reads those.
   */
  send(method: string, path: string, body?: RequestBody): Promise<RawResponse> {
    return this.request(method, path, body, undefined);
  }

  /**
   * Like `send`, but the body goes to `handler` as it arrives; resolves, with an empty body, once
   * the response has ended (a watch stream may never end).
   */
  stream(
    method: string,
    path: string,
    body: RequestBody | undefined,
    handler: StreamHandler,
  ): Promise<RawResponse> {
    return this.request(method, path, body, handler);
  }

  private request(
    method: string,
    path: string,
    body: RequestBody | undefined,
    stream: StreamHandler | undefined,
  ): Promise<RawResponse> {
    if (this.closed) return Promise.reject(new Error(this.error ?? 'connection closed'));
    if (method === 'HEAD') return Promise.reject(new Error('HEAD is not supported'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, stream });
      if (body === undefined) {
        this.socket.write(
          `${method} ${path} HTTP/1.1\r\n${this.hostHeader}Connection: keep-alive\r\n\r\n`,
          'latin1',
        );
      } else {
        // One write, so head and body leave in one segment (no Nagle on these sockets).
        this.socket.write(
          `${method} ${path} HTTP/1.1\r\n${this.hostHeader}Connection: keep-alive\r\n` +
            `Content-Type: ${body.contentType}\r\nContent-Length: ${Buffer.byteLength(body.text)}\r\n\r\n${body.text}`,
          'utf8',
        );
      }
      this.sentAt = Date.now();
    });
  }

  /** Requests written and not answered yet. */
  get outstanding(): number {
    return this.pending.length;
  }

  destroy(): void {
    this.fail('connection destroyed by the client');
    this.socket.destroy();
  }

  /** Marks the connection dead (the first reason sticks) and rejects every outstanding request. */
  private fail(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.error = reason;
    if (this.pending.length === 0) return;
    const error = new Error(reason);
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
  }
}

export interface RawOpenOptions {
  count: number;
  host: string;
  port: number;
  /** Source address of connection `index`; by default 127.0.0.1, .2, … with 20,000 sockets each. */
  localAddressFor?(index: number): string;
  /** How many connections are opened before waiting for them to connect. */
  batchSize?: number;
  /** Called as each connection is established (e.g. to write its first request at once). */
  onConnect?(connection: RawConnection): void;
}

export interface RawFleet {
  /** Every connection, by index; a failed one has `error` set and rejects `send`. */
  connections: RawConnection[];
  /** How long opening every connection took. */
  openMs: number;
  destroy(): void;
}

/**
 * Opens `count` keep-alive TCP connections (no Nagle), `batchSize` at a time, waiting for each
 * batch to connect so the server's accept queue is not overrun. Failed connects are recorded on
 * the connection, not thrown.
 */
export async function openRawConnections(options: RawOpenOptions): Promise<RawFleet> {
  const localAddressFor = options.localAddressFor ?? sourceAddressFor;
  const batchSize = options.batchSize ?? 500;
  const hostHeader = `Host: ${options.host}:${options.port}\r\n`;
  const connections: RawConnection[] = [];
  const started = Date.now();
  for (let from = 0; from < options.count; from += batchSize) {
    const connects: Array<Promise<void>> = [];
    for (let index = from; index < Math.min(options.count, from + batchSize); index++) {
      const localAddress = localAddressFor(index);
      const socket = connect({ host: options.host, port: options.port, localAddress });
      socket.setNoDelay(true);
      const connection = new RawConnection(index, localAddress, socket, hostHeader);
      connections.push(connection);
      connects.push(
        new Promise<void>((done) => {
          const connected = () => {
            socket.off('error', refused);
            options.onConnect?.(connection);
            done();
          };
          const refused = () => {
            socket.off('connect', connected);
            done(); // the connection's own handler recorded the error
          };
          socket.once('connect', connected);
          socket.once('error', refused);
        }),
      );
    }
    await Promise.all(connects);
  }
  return {
    connections,
    openMs: Date.now() - started,
    destroy() {
      for (const connection of connections) connection.destroy();
    },
  };
}
