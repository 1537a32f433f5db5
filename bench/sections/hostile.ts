// Hostile input: how long /health waits and how late the admin-service's event loop runs while
// worst-case requests of every kind arrive at once, against the same server idle in the same run.
// The payloads are libs/testing's hostile payloads, whose answers
// apps/all-in-one/src/test-support/hostile-input-suite.ts checks in CI; here they are timed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { AdminClient, BENCH_ADMIN_TOKEN } from '../lib/admin-client';
import { sleep } from '../lib/proc';
import { DIST_BENCH, startHouston, type ServerProcess } from '../lib/servers';
import { fmt, markdownTable, summarize, type Summary } from '../lib/stats';
import { hostilePayloads, type HostilePayload } from '../../libs/testing/src/hostile-payloads';
import type { Section } from './section';

const LOOP_DELAY_PRELOAD = join(DIST_BENCH, 'lib/loop-delay-preload.js');
const APP = 'victim';
const HEALTH_TARGET_MS = 100;
const LOOP_TARGET_MS = 50;

type Attack = HostilePayload;

/**
 * The attacking client runs on a thread of its own: sending 90 bodies of up to 5 MiB is work,
 * and on the probe's thread it would delay the probe's timing, not the server's.
 */
const ATTACKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, attacks, copies, authorization } = workerData;
async function send(attack) {
  try {
    const response = await fetch(base + attack.path, {
      method: attack.method,
      headers: { 'content-type': 'application/json', 'x-operator': 'attacker', authorization },
      body: attack.body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    const cause = (error && error.cause) || error;
    return /EPIPE|ECONNRESET|other side closed/.test(String(cause && cause.code) + String(cause)) ? 'closed' : 'error: ' + String(cause);
  }
}
Promise.all(attacks.flatMap((attack) => Array.from({ length: copies }, () => send(attack))))
  .then((statuses) => parentPort.postMessage(statuses));
`;

export function attackAtOnce(base: string, kinds: Attack[], copies: number): Promise<Array<number | string>> {
  const worker = new Worker(ATTACKER, {
    eval: true,
    workerData: { base, attacks: kinds, copies, authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (statuses: Array<number | string>) => {
      void worker.terminate();
      resolve(statuses);
    });
    worker.once('error', reject);
  });
}

interface LoopDelay {
  window: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** The main thread's longest stretch of CPU between two turns of a 5 ms timer, ms of its own CPU time. */
  cpuStretchMax: number;
}

/** Ends the server's current event-loop window (SIGUSR2 to the preload) and reads it. */
async function loopDelayWindow(server: ServerProcess, file: string): Promise<LoopDelay | undefined> {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LoopDelay).window : 0;
  server.child.kill('SIGUSR2');
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    await sleep(20);
    if (!existsSync(file)) continue;
    try {
      const read = JSON.parse(readFileSync(file, 'utf8')) as LoopDelay;
      if (read.window > previous) return read;
    } catch {
      // caught mid-write
    }
  }
  return undefined;
}

/** /health, one request at a time, until `done()` (bounded by `maxMs`). */
async function probeHealth(url: string, done: () => boolean, maxMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + maxMs;
  while (!done() && Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
    await sleep(5);
  }
  return latencies;
}

/** Peak resident memory of a process so far (VmHWM), in bytes. */
function peakRss(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Row {
  load: string;
  requests: number;
  wallMs: number;
  health: Summary;
  loop: LoopDelay | undefined;
  peakRss: number | undefined;
  wrong: string[];
}

export const hostileSection: Section = async (context) => {
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-hostile-'));
  const loopFile = join(dir, 'loop-delay.json');
  const admin = await startHouston('admin-service', {
    dbUrl: `sqlite:${join(dir, 'h.sqlite')}`,
    nodeArgs: ['--import', LOOP_DELAY_PRELOAD, ...context.profileArgs],
    env: { HOUSTON_BENCH_LOOP_DELAY: loopFile },
  });
  const rows: Row[] = [];
  try {
    const client = new AdminClient(admin.url);
    await client.createApp(APP);
    for (const format of ['yaml', 'json', 'xml']) {
      await client.request('POST', `/apps/${APP}/appnamespaces`, { name: 'doc', format });
    }
    const kinds = hostilePayloads(APP);
    const copies = context.smoke ? 3 : 10;

    const measure = async (load: string, selected: Attack[], idleMs?: number): Promise<Row> => {
      await loopDelayWindow(admin, loopFile);
      let finished = false;
      const started = performance.now();
      const probing = probeHealth(admin.url, () => finished, 180_000);
      let statuses: Array<number | string> = [];
      if (idleMs !== undefined) {
        await sleep(idleMs);
      } else {
        statuses = await attackAtOnce(admin.url, selected, copies);
      }
      const wallMs = performance.now() - started;
      finished = true;
      const health = summarize(await probing);
      const loop = await loopDelayWindow(admin, loopFile);
      const wrong: string[] = [];
      statuses.forEach((status, index) => {
        const attack = selected[Math.floor(index / copies)]!;
        const fine = status === attack.expectStatus || (status === 'closed' && attack.closedEarlyIsFine);
        if (!fine) wrong.push(`${attack.name}: ${status} (expected ${attack.expectStatus})`);
      });
      // The server must still take a legitimate edit afterwards.
      await client.setText(APP, 'a: 1\nb: [x, y]\n', 'doc.yaml');
      const row = {
        load,
        requests: statuses.length,
        wallMs,
        health,
        loop,
        peakRss: peakRss(admin.pid),
        wrong,
      };
      context.log(
        `${load}: ${row.requests} requests in ${fmt(wallMs, 0)} ms; /health p50 ${fmt(health.p50)} / max ${fmt(health.max)} ms; loop max ${fmt(loop?.max)} ms; longest CPU stretch ${fmt(loop?.cpuStretchMax)} ms`,
      );
      for (const message of wrong) context.fail(`hostile: ${message}`);
      return row;
    };

    rows.push(await measure('idle (baseline)', [], context.smoke ? 1_000 : 5_000));
    if (!context.smoke) {
      for (const kind of kinds) rows.push(await measure(`${copies} × ${kind.name}`, [kind]));
    }
    rows.push(await measure(`${copies} × every kind at once (${kinds.length} kinds)`, kinds));
    if (!context.smoke) rows.push(await measure('idle again (after)', [], 5_000));
  } finally {
    await admin.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const verdict = (row: Row) =>
    row.requests === 0
      ? '–'
      : row.health.max < HEALTH_TARGET_MS && (row.loop?.max ?? Infinity) < LOOP_TARGET_MS
        ? 'met'
        : '**not met**';
  const markdown = markdownTable(
    [
      'load on the admin-service',
      'requests',
      'all answered in',
      '/health p50 / p99 / max ms',
      '/health probes',
      'event-loop delay p99 / max ms',
      'main thread longest CPU stretch ms',
      'peak RSS',
      `target (/health < ${HEALTH_TARGET_MS} ms, loop < ${LOOP_TARGET_MS} ms)`,
    ],
    rows.map((row) => [
      row.load,
      String(row.requests),
      row.requests ? `${fmt(row.wallMs, 0)} ms` : '–',
      `${fmt(row.health.p50)} / ${fmt(row.health.p99)} / ${fmt(row.health.max)}`,
      fmt(row.health.count, 0),
      `${fmt(row.loop?.p99)} / ${fmt(row.loop?.max)}`,
      fmt(row.loop?.cpuStretchMax),
      row.peakRss === undefined ? '–' : `${fmt(row.peakRss / 1024 / 1024, 0)} MiB`,
      verdict(row),
    ]),
  );
  return { name: 'hostile', markdown, data: rows };
};
