import { AdminClient } from '../lib/admin-client';
import { b64, ETCD_INSTALL_HINT, findEtcd, installEtcd, startEtcd } from '../lib/etcd';
import { openHeld, waitFor } from '../lib/held-requests';
import { cpuShare, openFileLimit, rssBytes, sleep } from '../lib/proc';
import { fmt, markdownTable, mib, summarize } from '../lib/stats';
import type { Section } from './section';

const KEY = 'bench/config/application';
const FD_HEADROOM = 400;

interface Watcher {
  created: boolean;
  wokeAt?: number;
  error?: string;
}

/**
 * The same fan-out and capacity measurements against etcd, watched through its HTTP/JSON gateway
 * (POST /v3/watch streams one JSON object per line). A watch event carries the new value, so for
 * etcd "woken" and "holds the new config" are the same moment.
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
        const fleet = await openHeld({
          count,
          host: url.hostname,
          port: Number(url.port),
          request: () => ({
            method: 'POST',
            path: '/v3/watch',
            body: JSON.stringify({ create_request: { key: b64(KEY) } }),
            headers: { 'content-type': 'application/json' },
          }),
          onResponse: (held, response) => {
            let buffer = '';
            response.on('data', (chunk: Buffer) => {
              buffer += chunk.toString();
              let newline: number;
              while ((newline = buffer.indexOf('\n')) >= 0) {
                const line = buffer.slice(0, newline).trim();
                buffer = buffer.slice(newline + 1);
                if (!line) continue;
                const message = JSON.parse(line) as {
                  result?: { created?: boolean; events?: unknown[] };
                  error?: unknown;
                };
                const watcher = watchers[held.index]!;
                if (message.error) watcher.error = JSON.stringify(message.error);
                if (message.result?.created) watcher.created = true;
                if (message.result?.events?.length && watcher.wokeAt === undefined) {
                  watcher.wokeAt = held.answeredAt = Date.now();
                }
              }
            });
            response.on('error', (error) => (watchers[held.index]!.error = error.message));
          },
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
        const put = await admin.request('POST', '/v3/kv/put', {
          key: b64(KEY),
          value: b64(`timeout=${Date.now()}`),
        });
        const commitAt = put.at;
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
          `${fmt(put.ms, 0)} ms`,
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
          putMs: put.ms,
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
