import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { RecordedFanout } from '../bare-fanout-server';
import { AdminClient, currentNotificationId, propertiesText } from '../lib/admin-client';
import { waitFor } from '../lib/held-requests';
import { pollPath } from '../lib/poll-path';
import { sleep } from '../lib/proc';
import { openRawConnections, type RawConnection, type RawFleet } from '../lib/raw-http';
import { DIST_BENCH, freePort, spawnServer, startHoustonPair, type ServerProcess } from '../lib/servers';
import { isRead, readSqlCounts, SQL_COUNTER_PRELOAD, sqlDelta } from '../lib/sql-counts';
import { fmt, markdownTable, summarize, type Summary } from '../lib/stats';
import type { Section, SectionContext } from './section';

const APP = 'bench-fanout';
const TARGET_MS = 1500;
const REDIS_TARGET_P99_MS = 300;
const BARE = 'bare Fastify (same bytes)';
/** Rows of one client count read baseline first. */
const ROW_ORDER = { [BARE]: 0, database: 1, redis: 2 };

interface Client {
  connection: RawConnection;
  /** Date.now() when its long poll was written. */
  polledAt?: number;
  wokeAt?: number;
  haveAt?: number;
  notificationId?: number;
  /** The release key of the configuration it read after being woken. */
  releaseKey?: string;
  /** Follow-up reads that still answered the old release (304) and were retried. */
  staleReads: number;
  error?: string;
}

/** What every path's runs add to the section's tables and data. */
interface Collected {
  rows: Array<{ count: number; order: number; cells: string[] }>;
  sqlRows: string[][];
  data: unknown[];
  /** The bare Fastify "holds new config" figures by client count, for the Houston / bare ratio. */
  bareHave: Map<number, Summary>;
}

/** The follow-up read, on the connection the poll was answered on. */
async function readNewConfig(
  client: Client,
  oldReleaseKey: string,
  messages: unknown,
): Promise<string | undefined> {
  const query = new URLSearchParams({ releaseKey: oldReleaseKey, messages: JSON.stringify(messages) });
  const path = `/configs/${APP}/default/application?${query}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await client.connection.send('GET', path);
    if (answer.status === 200) {
      client.haveAt = answer.at;
      return (JSON.parse(answer.body.toString()) as { releaseKey: string }).releaseKey;
    }
    if (answer.status !== 304) {
      client.error = `follow-up read answered ${answer.status}`;
      return undefined;
    }
    client.staleReads++;
    await sleep(100);
  }
  client.error = 'never read the new release';
  return undefined;
}

/** One client: writes its long poll at once and, when woken, reads the new config on the same socket. */
function startClient(connection: RawConnection, poll: string, oldReleaseKey: string): Client {
  const client: Client = { connection, staleReads: 0 };
  const answered = connection.send('GET', poll);
  client.polledAt = connection.sentAt;
  answered
    .then(async (answer) => {
      client.wokeAt = answer.at;
      if (answer.status !== 200) {
        client.error = `poll answered ${answer.status}`;
        return;
      }
      const [change] = JSON.parse(answer.body.toString()) as Array<{
        notificationId: number;
        messages: unknown;
      }>;
      client.notificationId = change!.notificationId;
      client.releaseKey = await readNewConfig(client, oldReleaseKey, change!.messages);
    })
    .catch((error: unknown) => (client.error = error instanceof Error ? error.message : String(error)));
  return client;
}

/**
 * `count` clients long-polling `poll` on the server at `url`, each on its own connection; returns
 * once the server has had the time to read and park every poll.
 */
async function openClients(
  context: SectionContext,
  label: string,
  url: string,
  count: number,
  poll: string,
  oldReleaseKey: string,
  localAddressFor?: (index: number) => string,
): Promise<{ clients: Client[]; fleet: RawFleet }> {
  const clients: Client[] = [];
  const { hostname, port } = new URL(url);
  context.log(`fanout: opening ${count} long polls on ${label}`);
  // Each connection writes its poll as soon as it is up, while the next ones connect.
  const fleet = await openRawConnections({
    count,
    host: hostname,
    port: Number(port),
    localAddressFor,
    onConnect: (connection) => (clients[connection.index] = startClient(connection, poll, oldReleaseKey)),
  });
  fleet.connections.forEach(
    (connection, index) => (clients[index] ??= { connection, staleReads: 0, error: connection.error }),
  );
  await sleep(Math.max(1000, count / 5));
  const early = clients.filter((c) => c.wokeAt !== undefined || c.error !== undefined).length;
  if (early > 0) context.fail(`fanout ${label} ${count}: ${early} polls answered before the release`);
  await sleep(300);
  return { clients, fleet };
}

/** Waits until every client holds the new config or gave up; one that never did is a functional failure. */
async function awaitClients(context: SectionContext, label: string, clients: Client[]): Promise<number> {
  const everyone = await waitFor(
    () => clients.every((c) => c.haveAt !== undefined || c.error !== undefined),
    60_000,
  );
  const failed = clients.filter((c) => c.haveAt === undefined);
  if (!everyone || failed.length > 0) {
    const reasons = new Set(failed.map((c) => c.error ?? c.connection.error ?? 'no answer'));
    context.fail(
      `fanout ${label} ${clients.length}: ${failed.length} clients never held the new configuration (${[...reasons].slice(0, 5).join('; ')})`,
    );
  }
  return failed.length;
}

/** Wake-up and "holds new config" times of every client, in ms from `commitAt`. */
function timings(clients: Client[], commitAt: number): { wake: Summary; have: Summary } {
  return {
    wake: summarize(clients.filter((c) => c.wokeAt).map((c) => c.wokeAt! - commitAt)),
    have: summarize(clients.filter((c) => c.haveAt).map((c) => c.haveAt! - commitAt)),
  };
}

const spread = (s: Summary) => `${fmt(s.p50, 0)} / ${fmt(s.p99, 0)} / ${fmt(s.max, 0)}`;
const times = (value: number, baseline: number | undefined) =>
  baseline !== undefined && baseline > 0 && Number.isFinite(value) ? `${fmt(value / baseline, 1)}×` : '–';

/**
 * N clients long-poll one namespace on one config-service; one release through the separate
 * admin-service; how long until each is woken, and until each holds the new configuration. The
 * same clients against a bare Fastify process answering Houston's bytes give the baseline.
 */
export const fanoutSection: Section = async (context) => {
  const collected: Collected = { rows: [], sqlRows: [], data: [], bareHave: new Map() };
  const redisUrl = process.env['HOUSTON_BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const wanted = context.fanout.paths ?? ['database', 'redis'];
  const paths =
    wanted.includes('redis') && !(await redisReachable(redisUrl)) ? ['database' as const] : wanted;
  if (wanted.includes('redis') && !paths.includes('redis'))
    context.log(`fanout: Redis at ${redisUrl} unreachable, measuring the database path only`);
  // The baseline does not depend on the path: measured once per client count, next to the first path.
  for (const path of paths) await fanoutOnPath(context, path, redisUrl, path === paths[0], collected);
  const rows = collected.rows.sort((a, b) => a.count - b.count || a.order - b.order).map((r) => r.cells);
  const markdown = [
    'One release through the admin-service (its own process) to N clients long-polling one namespace on one config-service',
    '(its own process; HOUSTON_SCAN_INTERVAL=1s). Database path: the release reaches it through the ReleaseMessage table.',
    'Redis path: the admin-service also announces it on Redis and the config-service scans at once (the table stays the truth).',
    'Times are ms from the commit, taken as the moment the publish response arrived (the commit happens slightly before, so these are a little optimistic).',
    '"holds new config" = its follow-up GET /configs?releaseKey=<old> answered 200 with the new release; a 304 there (stale) is retried every 100 ms.',
    `${BARE}: the same clients against a bare Fastify process (its own process) that holds the polls and, on POST /__release,`,
    "answers them all in one loop with the wake-up bytes Houston sent, then every /configs read with Houston's /configs bytes: one Node process's practical limit here.",
    'Its times are from the moment it began answering; its round trip is that of the release request, which returns after the loop.',
    '',
    markdownTable(
      [
        'path',
        'clients',
        'publish round trip',
        'woken p50 / p99 / max ms',
        'holds new config p50 / p99 / max ms',
        'Houston / bare (holds p99)',
        'got it',
        'stale reads',
        'DB reads by config-service',
        'target (10k: 1.5 s database, 300 ms p99 Redis)',
      ],
      rows,
    ),
    '',
    'SQL statements the config-service ran from the publish until 1.5 s after the last client had the new config (the scan runs once a second regardless):',
    '',
    markdownTable(['path', 'clients', 'count', 'statement'], collected.sqlRows),
  ].join('\n');
  return { name: 'fanout', markdown, data: collected.data };
};

/** Asked three times: right after a large fan-out the machine can be slow to connect anything. */
async function redisReachable(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await sleep(1000);
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    try {
      await redis.connect();
      await redis.ping();
      return true;
    } catch {
      // tried again below
    } finally {
      redis.disconnect();
    }
  }
  return false;
}

/** Houston's own wake-up answer (an immediate one: same shape and size as a woken poll's). */
async function recordWakeUp(configUrl: string): Promise<RecordedFanout['wakeUp']> {
  const response = await fetch(configUrl + pollPath(APP, -1));
  const body = await response.text();
  if (response.status !== 200) throw new Error(`an immediate poll answered ${response.status}`);
  return { contentType: response.headers.get('content-type') ?? 'application/json', body };
}

/** The bare Fastify process, replaying the bytes Houston answered. */
async function startBare(dir: string, recorded: RecordedFanout): Promise<ServerProcess> {
  const recordedFile = join(dir, 'fanout-bytes.json');
  writeFileSync(recordedFile, JSON.stringify(recorded));
  const port = await freePort();
  return spawnServer({
    name: 'bare-fastify-fanout',
    command: process.execPath,
    args: [join(DIST_BENCH, 'bare-fanout-server.js'), recordedFile, String(port)],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/__ready',
  });
}

/** The same fleet against the bare process; its POST /__release stands for the publish. */
async function bareRun(
  context: SectionContext,
  bare: ServerProcess,
  count: number,
  poll: string,
  oldReleaseKey: string,
  collected: Collected,
): Promise<void> {
  // Its own source addresses: closed sockets keep their ports for 60 s (TIME_WAIT), and the Houston
  // fleets that follow need most of 127.0.0.1's 28k.
  const { clients, fleet } = await openClients(
    context,
    BARE,
    bare.url,
    count,
    poll,
    oldReleaseKey,
    (index) => `127.0.1.${Math.floor(index / 20_000) + 1}`,
  );
  let release: { woken: number; startedAt: number; loopMs: number };
  let roundTripMs: number;
  let answeredAt: number;
  let failed: number;
  try {
    const started = performance.now();
    const response = await fetch(`${bare.url}/__release`, { method: 'POST' });
    release = (await response.json()) as typeof release;
    roundTripMs = performance.now() - started;
    answeredAt = Date.now();
    if (release.woken !== count) context.fail(`fanout ${BARE} ${count}: ${release.woken} polls were held`);
    failed = await awaitClients(context, BARE, clients);
  } finally {
    fleet.destroy();
  }
  await sleep(1000); // sockets drain before the next fleet
  // The reply to the release leaves after the loop (clients are woken meanwhile): the start of the
  // loop, on the same clock, is the commit's counterpart.
  const { wake, have } = timings(clients, release.startedAt);
  const staleReads = clients.reduce((sum, c) => sum + c.staleReads, 0);
  collected.bareHave.set(count, have);
  collected.rows.push({
    count,
    order: ROW_ORDER[BARE],
    cells: [
      BARE,
      fmt(count, 0),
      `${fmt(roundTripMs, 0)} ms`,
      spread(wake),
      spread(have),
      '–',
      `${fmt(have.count, 0)} / ${fmt(count, 0)}`,
      fmt(staleReads, 0),
      '–',
      '–',
    ],
  });
  collected.data.push({
    path: 'bare-fastify',
    count,
    releaseRoundTripMs: roundTripMs,
    commitAt: release.startedAt,
    releaseAnsweredAt: answeredAt,
    loopMs: release.loopMs,
    wake,
    have,
    staleReads,
    errors: failed,
  });
}

async function fanoutOnPath(
  context: SectionContext,
  path: 'database' | 'redis',
  redisUrl: string,
  withBare: boolean,
  collected: Collected,
): Promise<void> {
  const counts = context.fanout.clients ?? (context.smoke ? [50] : [1_000, 10_000]);
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-sql-'));
  const countsFile = join(dir, 'sql-counts.json');
  const redisEnv: Record<string, string> = path === 'redis' ? { HOUSTON_REDIS_URL: redisUrl } : {};
  const pair = await startHoustonPair({
    adminEnv: redisEnv,
    configEnv: { ...redisEnv, HOUSTON_BENCH_SQL_COUNTS: countsFile, HOUSTON_SCAN_INTERVAL: '1s' },
    configNodeArgs: ['--import', pathToFileURL(SQL_COUNTER_PRELOAD).href, ...context.profileArgs],
  });
  let bare: ServerProcess | undefined;
  try {
    const admin = new AdminClient(pair.admin.url);
    await admin.createApp(APP);
    await admin.setText(APP, propertiesText(50));
    await admin.release(APP, 'initial');
    let notificationId = await currentNotificationId(pair.config.url, APP);
    const first = await fetch(`${pair.config.url}/configs/${APP}/default/application`);
    const firstBody = await first.text();
    let releaseKey = (JSON.parse(firstBody) as { releaseKey: string }).releaseKey;
    if (withBare) {
      const config = {
        contentType: first.headers.get('content-type') ?? 'application/json',
        body: firstBody,
      };
      bare = await startBare(dir, { wakeUp: await recordWakeUp(pair.config.url), config });
    }

    for (const count of counts) {
      const poll = pollPath(APP, notificationId);
      if (bare) await bareRun(context, bare, count, poll, releaseKey, collected);

      // The edit to publish is made before anyone polls; only the release is timed.
      await admin.setItem(APP, 'bench.key.0', `changed-${Date.now()}`);
      const oldReleaseKey = releaseKey;
      const { clients, fleet } = await openClients(
        context,
        path,
        pair.config.url,
        count,
        poll,
        oldReleaseKey,
      );
      const sqlBefore = readSqlCounts(countsFile);

      const sentAt = Date.now();
      const release = await admin.release(APP, `fanout ${count}`);
      const commitAt = release.at;
      const failed = await awaitClients(context, path, clients);
      const lastHave = Math.max(...clients.map((c) => c.haveAt ?? 0));
      await sleep(1500); // the counter file is rewritten every 100 ms; and one more scan tick, for comparison
      const sqlAfter = readSqlCounts(countsFile);
      const windowMs = Date.now() - sentAt;
      fleet.destroy();
      await sleep(1000); // sockets drain before the next fleet

      const { wake, have } = timings(clients, commitAt);
      const staleReads = clients.reduce((sum, c) => sum + c.staleReads, 0);
      const statements = sqlDelta(sqlBefore, sqlAfter);
      const reads = statements.filter((s) => isRead(s.sql)).reduce((sum, s) => sum + s.count, 0);
      const target = path === 'database' ? have.max <= TARGET_MS : have.p99 <= REDIS_TARGET_P99_MS;
      const bareHave = collected.bareHave.get(count);
      collected.rows.push({
        count,
        order: ROW_ORDER[path],
        cells: [
          path,
          fmt(count, 0),
          `${fmt(release.ms, 0)} ms`,
          spread(wake),
          spread(have),
          times(have.p99, bareHave?.p99),
          `${fmt(have.count, 0)} / ${fmt(count, 0)}`,
          fmt(staleReads, 0),
          `${fmt(reads, 0)} in ${fmt(windowMs / 1000)} s`,
          count >= 10_000 ? (have.count === count && target ? 'met' : 'NOT met') : '–',
        ],
      });
      for (const s of statements.slice(0, 8))
        collected.sqlRows.push([path, fmt(count, 0), String(s.count), `\`${s.sql.slice(0, 110)}\``]);
      collected.data.push({
        path,
        count,
        releaseRoundTripMs: release.ms,
        sentAt,
        commitAt,
        lastHaveAt: lastHave,
        wake,
        have,
        haveP99OverBare: bareHave ? have.p99 / bareHave.p99 : undefined,
        staleReads,
        errors: failed,
        sql: { windowMs, reads, statements },
      });
      releaseKey = clients.find((c) => c.releaseKey !== undefined)?.releaseKey ?? releaseKey;
      const woken = clients.find((c) => c.notificationId !== undefined);
      if (woken) notificationId = woken.notificationId!;
    }
  } finally {
    await bare?.stop();
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
