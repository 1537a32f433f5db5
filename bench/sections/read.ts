import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, propertiesText } from '../lib/admin-client';
import { rssBytes, sleep } from '../lib/proc';
import {
  DIST_BENCH,
  freePort,
  spawnServer,
  startHouston,
  startHoustonPair,
  type ServerProcess,
} from '../lib/servers';
import { fmt, markdownTable, mib, ratio } from '../lib/stats';
import type { Section } from './section';

const APP = 'bench-read';

interface Route {
  name: string;
  path: string;
  status: number;
  /** The target: Houston's share of bare Fastify's requests/s. */
  target: number;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rss?: number;
  statusCounts: Record<string, number>;
  errors: number;
}

async function load(
  server: ServerProcess,
  path: string,
  seconds: number,
  connections: number,
): Promise<Load> {
  const result = await autocannon({ url: server.url + path, connections, duration: seconds, timeout: 10 });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
  );
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss: rssBytes(server.pid),
    statusCounts,
    errors: result.errors + result.timeouts,
  };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function average(loads: Load[]): Load {
  return {
    requestsPerSecond: mean(loads.map((l) => l.requestsPerSecond)),
    p50: mean(loads.map((l) => l.p50)),
    p99: mean(loads.map((l) => l.p99)),
    rss: Math.max(...loads.map((l) => l.rss ?? 0)),
    statusCounts: loads.reduce<Record<string, number>>((all, l) => {
      for (const [code, count] of Object.entries(l.statusCounts)) all[code] = (all[code] ?? 0) + count;
      return all;
    }, {}),
    errors: loads.reduce((a, l) => a + l.errors, 0),
  };
}

/**
 * Read throughput of the config-service against a bare Fastify process answering the same bytes:
 * what Houston's framework, routing and lookups cost on the hot path. A second config-service on
 * the same database runs with HOUSTON_METRICS_CLIENT_ROUTES=false: the client routes' latency
 * histogram on against off, in the same rounds, is what the per-request timing costs.
 */
export const readSection: Section = async (context) => {
  const seconds = context.smoke ? 1 : 10;
  const rounds = context.smoke ? 1 : 2;
  const connections = context.smoke ? 10 : 50;
  const pair = await startHoustonPair({ configNodeArgs: context.profileArgs });
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-bare-'));
  let bare: ServerProcess | undefined;
  let untimed: ServerProcess | undefined;
  try {
    const admin = new AdminClient(pair.admin.url);
    await admin.createApp(APP);
    await admin.setText(APP, propertiesText(20));
    await admin.release(APP, 'read benchmark');

    const configsPath = `/configs/${APP}/default/application`;
    let first: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      first = await fetch(pair.config.url + configsPath);
      if (first.status === 200) break;
      await first.arrayBuffer();
      await sleep(200);
    }
    if (first?.status !== 200) throw new Error(`GET ${configsPath} answered ${first?.status}`);
    const configsBody = await first.text();
    const releaseKey = (JSON.parse(configsBody) as { releaseKey: string }).releaseKey;

    const routes: Route[] = [
      { name: 'GET /configs (200)', path: configsPath, status: 200, target: 0.6 },
      {
        name: 'GET /configs (304)',
        path: `${configsPath}?releaseKey=${encodeURIComponent(releaseKey)}`,
        status: 304,
        target: 0.7,
      },
      {
        name: 'GET /configfiles/json (200)',
        path: `/configfiles/json/${APP}/default/application`,
        status: 200,
        target: 0,
      },
    ];
    // Record exactly what Houston answers, for the bare server to replay.
    const recorded: Record<string, { status: number; contentType?: string; body: string }> = {};
    for (const route of routes) {
      const response = await fetch(pair.config.url + route.path);
      const body = await response.text();
      if (response.status !== route.status)
        context.fail(`${route.name}: Houston answered ${response.status}`);
      recorded[route.path] = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        body,
      };
    }
    const routesFile = join(dir, 'routes.json');
    writeFileSync(routesFile, JSON.stringify(recorded));
    const port = await freePort();
    bare = await spawnServer({
      name: 'bare-fastify',
      command: process.execPath,
      args: [join(DIST_BENCH, 'bare-server.js'), routesFile, String(port)],
      url: `http://127.0.0.1:${port}`,
      readyPath: '/__ready',
    });
    untimed = await startHouston('config-service', {
      dbUrl: pair.dbUrl,
      env: { HOUSTON_METRICS_CLIENT_ROUTES: 'false' },
    });
    for (const route of routes) {
      const response = await fetch(untimed.url + route.path);
      await response.arrayBuffer();
      if (response.status !== route.status)
        context.fail(`${route.name}: Houston without client-route metrics answered ${response.status}`);
    }
    const idleRss = { houston: rssBytes(pair.config.pid), bare: rssBytes(bare.pid) };
    const metricRows: string[][] = [];

    const rows: string[][] = [];
    const data: unknown[] = [];
    for (const route of routes) {
      context.log(`read: ${route.name} (${rounds} × ${seconds}s each, ${connections} connections)`);
      await load(pair.config, route.path, 1, connections); // warm-up: JIT, caches
      await load(bare, route.path, 1, connections);
      await load(untimed, route.path, 1, connections);
      const houstonRuns: Load[] = [];
      const bareRuns: Load[] = [];
      const untimedRuns: Load[] = [];
      for (let round = 0; round < rounds; round++) {
        // Alternated so background noise on a shared machine hits all alike.
        houstonRuns.push(await load(pair.config, route.path, seconds, connections));
        bareRuns.push(await load(bare, route.path, seconds, connections));
        untimedRuns.push(await load(untimed, route.path, seconds, connections));
      }
      const houston = average(houstonRuns);
      const baseline = average(bareRuns);
      const withoutTiming = average(untimedRuns);
      for (const [who, result] of [
        ['houston', houston],
        ['bare', baseline],
        ['houston without client-route metrics', withoutTiming],
      ] as const) {
        const wrong = Object.keys(result.statusCounts).filter((code) => Number(code) !== route.status);
        if (wrong.length > 0 || result.errors > 0) {
          context.fail(
            `${route.name} on ${who}: statuses ${JSON.stringify(result.statusCounts)}, ${result.errors} errors`,
          );
        }
      }
      const share = houston.requestsPerSecond / baseline.requestsPerSecond;
      rows.push([
        route.name,
        fmt(houston.requestsPerSecond, 0),
        fmt(baseline.requestsPerSecond, 0),
        ratio(houston.requestsPerSecond, baseline.requestsPerSecond),
        route.target ? `≥ ${route.target * 100}%: ${share >= route.target ? 'met' : 'NOT met'}` : '–',
        `${fmt(houston.p50)} / ${fmt(houston.p99)}`,
        `${fmt(baseline.p50)} / ${fmt(baseline.p99)}`,
        mib(houston.rss),
        mib(baseline.rss),
      ]);
      metricRows.push([
        route.name,
        fmt(houston.requestsPerSecond, 0),
        fmt(withoutTiming.requestsPerSecond, 0),
        ratio(houston.requestsPerSecond, withoutTiming.requestsPerSecond),
        houstonRuns.map((run) => fmt(run.requestsPerSecond, 0)).join(', '),
        untimedRuns.map((run) => fmt(run.requestsPerSecond, 0)).join(', '),
        `${fmt(houston.p99)} / ${fmt(withoutTiming.p99)}`,
      ]);
      data.push({
        route,
        houston,
        bare: baseline,
        share,
        houstonRuns,
        bareRuns,
        withoutClientRouteMetrics: withoutTiming,
        withoutClientRouteMetricsRuns: untimedRuns,
      });
    }
    const markdown = [
      `Read path, ${connections} connections, ${rounds} alternating rounds of ${seconds} s per server (autocannon in the bench process; each server is its own process).`,
      `Idle RSS before load: Houston config-service ${mib(idleRss.houston)}, bare Fastify ${mib(idleRss.bare)}.`,
      '',
      markdownTable(
        [
          'request',
          'Houston req/s',
          'bare Fastify req/s',
          'Houston / bare',
          'target',
          'Houston p50 / p99 ms',
          'bare p50 / p99 ms',
          'Houston RSS after',
          'bare RSS after',
        ],
        rows,
      ),
      '',
      'Client-route metrics (HOUSTON_METRICS_CLIENT_ROUTES) on against off, same rounds: the cost of timing each client request by route. Rounds differing by more than the on/off gap mean the machine, not the metrics, decided it.',
      '',
      markdownTable(
        [
          'request',
          'metrics on req/s',
          'metrics off req/s',
          'on / off',
          'on, per round',
          'off, per round',
          'p99 ms on / off',
        ],
        metricRows,
      ),
    ].join('\n');
    return { name: 'read', markdown, data: { seconds, rounds, connections, idleRss, results: data } };
  } finally {
    await bare?.stop();
    await untimed?.stop();
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
