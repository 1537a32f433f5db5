import { AdminClient } from '../lib/admin-client';
import { b64, ETCD_INSTALL_HINT, findEtcd, installEtcd, startEtcd } from '../lib/etcd';
import { waitFor } from '../lib/held-requests';
import { cpuShare, openFileLimit, rssBytes, sleep } from '../lib/proc';
import { openRawConnections, type RawConnection, type RequestBody } from '../lib/raw-http';
import { fmt, markdownTable, mib, summarize } from '../lib/stats';
import type { Section } from './section';

const KEY = 'bench/config/application';
const FD_HEADROOM = 400;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface Watcher {
  created: boolean;
  wokeAt?: number;
  error?: string;
}

interface WatchMessage {
  result?: { created?: boolean; events?: Array<{ kv?: { value?: string } }> };
  error?: unknown;
}

/**
 * Splits a watch stream into its JSON messages by brace depth (strings skipped), so neither how
 * the gateway's chunks and the socket's reads cut them nor whether a newline follows each matters.
 */
class JsonMessages {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The start of a message still open, copied out of earlier pieces. */
  private partial: Buffer[] = [];

  constructor(private readonly onMessage: (message: WatchMessage) => void) {}

  push(piece: Buffer): void {
    // Where the open message starts in this piece (0 when it began in an earlier one).
    let start = 0;
    for (let i = 0; i < piece.length; i++) {
      const byte = piece[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === OPEN_BRACE) {
        if (this.depth++ === 0) start = i;
      } else if (this.depth === 0) {
        // Between messages only whitespace (the gateway's newline) is expected.
        if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09)
          throw new Error(`unexpected ${JSON.stringify(String.fromCharCode(byte))} between watch messages`);
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === CLOSE_BRACE && --this.depth === 0) {
        this.emit(piece, start, i + 1);
      }
    }
    // Copied: pieces are views into the socket's chunk.
    if (this.depth > 0) this.partial.push(Buffer.from(piece.subarray(start)));
  }

  private emit(piece: Buffer, start: number, end: number): void {
    let text: string;
    if (this.partial.length === 0) {
      text = piece.toString('utf8', start, end);
    } else {
      this.partial.push(piece.subarray(0, end));
      text = Buffer.concat(this.partial).toString();
      this.partial = [];
    }
    this.onMessage(JSON.parse(text) as WatchMessage);
  }
}

/**
 * Writes the watch on `connection` and follows its stream: created once etcd acknowledges it,
 * woken at the first event that carries `put.value` (base64, set just before the put).
 */
function watch(
  connection: RawConnection,
  watcher: Watcher,
  body: RequestBody,
  put: { value?: string },
): void {
  const messages = new JsonMessages((message) => {
    if (message.error) watcher.error = JSON.stringify(message.error);
    if (message.result?.created) watcher.created = true;
    if (
      watcher.wokeAt === undefined &&
      put.value !== undefined &&
      message.result?.events?.some((e) => e.kv?.value === put.value)
    )
      watcher.wokeAt = Date.now();
  });
  connection
    .stream('POST', '/v3/watch', body, {
      onHead: (status) => {
        if (status !== 200) watcher.error = `watch answered ${status}`;
      },
      onData: (piece) => messages.push(piece),
    })
    .then(
      () => (watcher.error ??= 'watch stream ended'),
      (error: unknown) => (watcher.error ??= error instanceof Error ? error.message : String(error)),
    );
}

/**
 * The same fan-out and capacity measurements against etcd, watched through its HTTP/JSON gateway
 * (POST /v3/watch streams one JSON object per message, chunked) with the fan-out's raw client. A
 * watch event carries the new value, so for etcd "woken" and "holds the new config" are the same
 * moment.
 */
export const peerSection: Section = async (context) => {
  if (context.smoke) return { name: 'peer', markdown: 'skipped in smoke runs', data: { skipped: 'smoke' } };
  let binary = findEtcd();
  if (!binary && context.installEtcd) binary = installEtcd(context.log);
  if (!binary) {
    const markdown = `skipped: no \`etcd\` binary. Install it with: \`${ETCD_INSTALL_HINT}\``;
    return { name: 'peer', markdown, data: { skipped: 'etcd missing' } };
  }
  const version = (await import('node:child_process'))
    .execFileSync(binary, ['--version'], { encoding: 'utf8' })
    .split('\n')[0];
  const rows: string[][] = [];
  const data: unknown[] = [];
  for (const requested of [1_000, 10_000, 50_000]) {
    // A fresh etcd per size: Go keeps the heap it grew, so a reused process would skew RSS.
    const etcd = await startEtcd(binary);
    try {
      const admin = new AdminClient(etcd.url);
      await admin.request('POST', '/v3/kv/put', { key: b64(KEY), value: b64('timeout=100') });
      const url = new URL(etcd.url);
      const limit = Math.min(openFileLimit(), openFileLimit(etcd.pid)) - FD_HEADROOM;
      {
        const count = Math.min(requested, limit);
        await sleep(1000);
        const rssBefore = rssBytes(etcd.pid)!;
        const watchers: Watcher[] = Array.from({ length: count }, () => ({ created: false }));
        context.log(`peer: opening ${count} etcd watches`);
        const body = {
          text: JSON.stringify({ create_request: { key: b64(KEY) } }),
          contentType: 'application/json',
        };
        const put: { value?: string } = {};
        // Each connection writes its watch as soon as it is up, while the next ones connect.
        const fleet = await openRawConnections({
          count,
          host: url.hostname,
          port: Number(url.port),
          onConnect: (connection) => watch(connection, watchers[connection.index]!, body, put),
        });
        fleet.connections.forEach((connection, index) => {
          if (connection.error !== undefined) watchers[index]!.error ??= connection.error;
        });
        const allCreated = await waitFor(() => watchers.every((w) => w.created || w.error), 60_000, 100);
        if (!allCreated)
          context.fail(
            `peer ${count}: ${watchers.filter((w) => !w.created).length} etcd watches were never created`,
          );
        await sleep(1000);
        const rssHeld = rssBytes(etcd.pid)!;
        const cpuHeld = await cpuShare(etcd.pid, 3000);

        const putSentAt = Date.now();
        put.value = b64(`timeout=${putSentAt}`);
        const putAnswer = await admin.request('POST', '/v3/kv/put', { key: b64(KEY), value: put.value });
        const commitAt = putAnswer.at;
        const everyone = await waitFor(
          () => watchers.every((w) => w.wokeAt !== undefined || w.error),
          60_000,
        );
        const woken = watchers.filter((w) => w.wokeAt !== undefined);
        if (!everyone || woken.length !== count)
          context.fail(`peer ${count}: ${count - woken.length} etcd watchers never woke`);
        const wake = summarize(woken.map((w) => w.wokeAt! - commitAt));
        const wakeFromSent = summarize(woken.map((w) => w.wokeAt! - putSentAt));
        fleet.destroy();
        const perWatch = (rssHeld - rssBefore) / count;
        rows.push([
          count === requested ? fmt(count, 0) : `${fmt(count, 0)} (of ${fmt(requested, 0)})`,
          `${fmt(fleet.openMs / 1000)} s`,
          mib(rssBefore),
          mib(rssHeld),
          `${fmt(perWatch / 1024, 1)} KiB`,
          mib(rssBefore + perWatch * 50_000),
          `${fmt((cpuHeld ?? NaN) * 100)}%`,
          `${fmt(putAnswer.ms, 0)} ms`,
          `${fmt(wake.p50, 0)} / ${fmt(wake.p99, 0)} / ${fmt(wake.max, 0)}`,
          `${fmt(wakeFromSent.p50, 0)} / ${fmt(wakeFromSent.p99, 0)} / ${fmt(wakeFromSent.max, 0)}`,
          `${fmt(woken.length, 0)} / ${fmt(count, 0)}`,
        ]);
        data.push({
          requested,
          count,
          openMs: fleet.openMs,
          rssBefore,
          rssHeld,
          perWatch,
          cpuHeld,
          putMs: putAnswer.ms,
          wake,
          wakeFromSent,
        });
      }
    } finally {
      await etcd.cleanup();
    }
  }
  const markdown = [
    `${version}, one member on loopback; each watcher is its own HTTP connection to the JSON gateway (POST /v3/watch).`,
    "Woken = the watch event (which carries the new value) arrived; ms from the put answer (negative: etcd delivered events before it answered the put), and from when the put was sent. CPU = etcd's share of one core while the watches sit idle.",
    '',
    markdownTable(
      [
        'watchers',
        'time to open',
        'RSS before',
        'RSS held',
        'RSS per watch',
        'RSS at 50k (extrapolated)',
        'idle CPU held',
        'put round trip',
        'woken p50 / p99 / max ms (from put answer)',
        'same, from put sent',
        'woken',
      ],
      rows,
    ),
  ].join('\n');
  return { name: 'peer', markdown, data: { version, results: data } };
};
