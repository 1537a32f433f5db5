import { connect, type Socket } from 'node:net';

/** Ephemeral ports per (source address, destination) pair are ~28k here; stay well under. */
const SOCKETS_PER_SOURCE_ADDRESS = 20_000;
/** A response head larger than this is treated as malformed. */
const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);
const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding', 'latin1');
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;

export interface RawResponse {
  status: number;
  body: Buffer;
  /** Date.now() when the whole response had arrived. */
  at: number;
}

export class HttpParseError extends Error {
  override name = 'HttpParseError';
}

/**
 * Incremental HTTP/1.1 response parser: status line, headers (only `content-length` and
 * `transfer-encoding` are looked at), body by content-length. Chunks may split a response
 * anywhere or hold several responses. `feed` throws an HttpParseError on anything it does not
 * handle (chunked or close-delimited bodies, a malformed status line or header); the stream cannot
 * be resynchronised after that.
 */
export class ResponseParser {
  /** Bytes of a head that has not fully arrived yet. */
  private head: Buffer | undefined;
  /** Body being filled across chunks. */
  private body: Buffer | undefined;
  private filled = 0;
  private status = 0;
  private contentLength = -1;

  constructor(private readonly onResponse: (status: number, body: Buffer) => void) {}

  /** True between responses (nothing of the next one has arrived). */
  get idle(): boolean {
    return this.head === undefined && this.body === undefined;
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
      const body = this.body;
      if (body !== undefined) {
        const take = Math.min(body.length - this.filled, chunk.length - offset);
        chunk.copy(body, this.filled, offset, offset + take);
        this.filled += take;
        offset += take;
        if (this.filled === body.length) {
          this.body = undefined;
          this.onResponse(this.status, body);
        }
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
      if (length === 0) {
        this.onResponse(this.status, EMPTY);
      } else if (chunk.length - offset >= length) {
        this.onResponse(this.status, chunk.subarray(offset, offset + length));
        offset += length;
      } else {
        this.body = Buffer.allocUnsafe(length);
        this.filled = 0;
      }
    }
  }

  /** Parses the head in `buf[start, end)` (`end` is where `\r\n\r\n` starts); returns the body length. */
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
      const value = buf.toString('latin1', valueFrom, valueTo);
      if (value.toLowerCase() !== 'identity')
        throw new HttpParseError(`transfer-encoding: ${value} is not supported (only content-length bodies)`);
    }
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

/** Case-insensitive comparison of `buf[from, to)` with a lower-case ASCII name. */
function nameIs(buf: Buffer, from: number, to: number, name: Buffer): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let byte = buf[from + i]!;
    if (byte >= 0x41 && byte <= 0x5a) byte |= 0x20;
    if (byte !== name[i]) return false;
  }
  return true;
}

interface Pending {
  resolve(response: RawResponse): void;
  reject(error: Error): void;
}

/**
 * One keep-alive connection. `send` writes a request and resolves with its whole response;
 * requests sent before the previous answer arrived are answered in order (HTTP/1.1 pipelining).
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
    this.parser = new ResponseParser((status, body) => {
      const waiting = this.pending.shift();
      if (waiting === undefined) throw new HttpParseError(`unsolicited ${status} response`);
      waiting.resolve({ status, body, at: Date.now() });
    });
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

  /** Writes `METHOD path HTTP/1.1` (path with its query string) and resolves with the response. */
  send(method: string, path: string): Promise<RawResponse> {
    if (this.closed) return Promise.reject(new Error(this.error ?? 'connection closed'));
    if (method === 'HEAD') return Promise.reject(new Error('HEAD is not supported'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(
        `${method} ${path} HTTP/1.1\r\n${this.hostHeader}Connection: keep-alive\r\n\r\n`,
        'latin1',
      );
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

function defaultLocalAddress(index: number): string {
  return `127.0.0.${Math.floor(index / SOCKETS_PER_SOURCE_ADDRESS) + 1}`;
}

/**
 * Opens `count` keep-alive TCP connections (no Nagle), `batchSize` at a time, waiting for each
 * batch to connect so the server's accept queue is not overrun. Failed connects are recorded on
 * the connection, not thrown.
 */
export async function openRawConnections(options: RawOpenOptions): Promise<RawFleet> {
  const localAddressFor = options.localAddressFor ?? defaultLocalAddress;
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
