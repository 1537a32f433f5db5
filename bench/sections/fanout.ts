import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdminClient, currentNotificationId, propertiesText } from '../lib/admin-client';
import { waitFor } from '../lib/held-requests';
import { pollPath } from '../lib/poll-path';
import { sleep } from '../lib/proc';
import { openRawConnections, type RawConnection } from '../lib/raw-http';
import { startHoustonPair } from '../lib/servers';
import { isRead, readSqlCounts, SQL_COUNTER_PRELOAD, sqlDelta } from '../lib/sql-counts';
import { fmt, markdownTable, summarize, type Summary } from '../lib/stats';
import type { Section } from './section';

const APP = 'bench-fanout';
const TARGET_MS = 1500;
const REDIS_TARGET_P99_MS = 300;

interface Client {
  connection: RawConnection;
  /** Date.now() when its long poll was written. */
  polledAt?: number;
  wokeAt?: number;
  haveAt?: number;
  notificationId?: number;
  /** Follow-up reads that still answered the old release (304) and were retried. */
  staleReads: number;
  error?: string;
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

/**
 * N clients long-poll one namespace on one config-service; one release through the separate
 * admin-service; how long until each is woken, and until each holds the new configuration.
 */
export const fanoutSection: Section = async (context) => {
  const rows: string[][] = [];
  const sqlRows: string[][] = [];
  const data: unknown[] = [];
  const redisUrl = process.env['HOUSTON_BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const paths: Array<'database' | 'redis'> = (await redisReachable(redisUrl))
    ? ['database', 'redis']
    : ['database'];
  if (paths.length === 1)
    context.log(`fanout: Redis at ${redisUrl} unreachable, measuring the database path only`);
  for (const path of paths) await fanoutOnPath(context, path, redisUrl, rows, sqlRows, data);
  const markdown = [
    'One release through the admin-service (its own process) to N clients long-polling one namespace on one config-service',
    '(its own process; HOUSTON_SCAN_INTERVAL=1s). Database path: the release reaches it through the ReleaseMessage table.',
    'Redis path: the admin-service also announces it on Redis and the config-service scans at once (the table stays the truth).',
    'Times are ms from the commit, taken as the moment the publish response arrived (the commit happens slightly before, so these are a little optimistic).',
    '"holds new config" = its follow-up GET /configs?releaseKey=<old> answered 200 with the new release; a 304 there (stale) is retried every 100 ms.',
    '',
    markdownTable(
      [
        'path',
        'clients',
        'publish round trip',
        'woken p50 / p99 / max ms',
        'holds new config p50 / p99 / max ms',
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
    markdownTable(['path', 'clients', 'count', 'statement'], sqlRows),
  ].join('\n');
  return { name: 'fanout', markdown, data };
};

async function redisReachable(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function fanoutOnPath(
  context: Parameters<Section>[0],
  path: 'database' | 'redis',
  redisUrl: string,
  rows: string[][],
  sqlRows: string[][],
  data: unknown[],
): Promise<void> {
  const counts = context.smoke ? [50] : [1_000, 10_000];
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-sql-'));
  const countsFile = join(dir, 'sql-counts.json');
  const redisEnv: Record<string, string> = path === 'redis' ? { HOUSTON_REDIS_URL: redisUrl } : {};
  const pair = await startHoustonPair({
    adminEnv: redisEnv,
    configEnv: { ...redisEnv, HOUSTON_BENCH_SQL_COUNTS: countsFile, HOUSTON_SCAN_INTERVAL: '1s' },
    configNodeArgs: ['--import', pathToFileURL(SQL_COUNTER_PRELOAD).href, ...context.profileArgs],
  });
  try {
    const admin = new AdminClient(pair.admin.url);
    await admin.createApp(APP);
    await admin.setText(APP, propertiesText(50));
    await admin.release(APP, 'initial');
    let notificationId = await currentNotificationId(pair.config.url, APP);
    const first = await fetch(`${pair.config.url}/configs/${APP}/default/application`);
    let releaseKey = ((await first.json()) as { releaseKey: string }).releaseKey;
    const url = new URL(pair.config.url);
    const host = url.hostname;
    const port = Number(url.port);

    for (const count of counts) {
      // The edit to publish is made before anyone polls; only the release is timed.
      await admin.setItem(APP, 'bench.key.0', `changed-${Date.now()}`);
      const oldReleaseKey = releaseKey;
      const clients: Client[] = [];
      let newReleaseKey: string | undefined;
      let newNotificationId: number | undefined;
      const poll = pollPath(APP, notificationId);
      context.log(`fanout: opening ${count} long polls`);
      // Each connection writes its poll as soon as it is up, while the next ones connect.
      const fleet = await openRawConnections({
        count,
        host,
        port,
        onConnect: (connection) => {
          const client: Client = { connection, staleReads: 0 };
          clients[connection.index] = client;
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
              newNotificationId = change!.notificationId;
              const key = await readNewConfig(client, oldReleaseKey, change!.messages);
              newReleaseKey = key ?? newReleaseKey;
            })
            .catch(
              (error: unknown) => (client.error = error instanceof Error ? error.message : String(error)),
            );
        },
      });
      fleet.connections.forEach(
        (connection, index) => (clients[index] ??= { connection, staleReads: 0, error: connection.error }),
      );
      // Let the server read and park every poll before publishing.
      await sleep(Math.max(1000, count / 5));
      const early = clients.filter((c) => c.wokeAt !== undefined || c.error !== undefined).length;
      if (early > 0) context.fail(`fanout ${count}: ${early} polls answered before the release`);
      await sleep(300);
      const sqlBefore = readSqlCounts(countsFile);

      const sentAt = Date.now();
      const release = await admin.release(APP, `fanout ${count}`);
      const commitAt = release.at;
      const everyone = await waitFor(
        () => clients.every((c) => c.haveAt !== undefined || c.error !== undefined),
        60_000,
      );
      const lastHave = Math.max(...clients.map((c) => c.haveAt ?? 0));
      await sleep(1500); // the counter file is rewritten every 100 ms; and one more scan tick, for comparison
      const sqlAfter = readSqlCounts(countsFile);

      const failed = clients.filter((c) => c.haveAt === undefined);
      if (!everyone || failed.length > 0) {
        const reasons = new Set(failed.map((c) => c.error ?? c.connection.error ?? 'no answer'));
        context.fail(
          `fanout ${count}: ${failed.length} clients never held the new configuration (${[...reasons].slice(0, 5).join('; ')})`,
        );
      }
      fleet.destroy();
      const wake: Summary = summarize(clients.filter((c) => c.wokeAt).map((c) => c.wokeAt! - commitAt));
      const have: Summary = summarize(clients.filter((c) => c.haveAt).map((c) => c.haveAt! - commitAt));
      const staleReads = clients.reduce((sum, c) => sum + c.staleReads, 0);
      const statements = sqlDelta(sqlBefore, sqlAfter);
      const reads = statements.filter((s) => isRead(s.sql)).reduce((sum, s) => sum + s.count, 0);
      const windowMs = Date.now() - sentAt;
      const target = path === 'database' ? have.max <= TARGET_MS : have.p99 <= REDIS_TARGET_P99_MS;
      rows.push([
        path,
        fmt(count, 0),
        `${fmt(release.ms, 0)} ms`,
        `${fmt(wake.p50, 0)} / ${fmt(wake.p99, 0)} / ${fmt(wake.max, 0)}`,
        `${fmt(have.p50, 0)} / ${fmt(have.p99, 0)} / ${fmt(have.max, 0)}`,
        `${fmt(have.count, 0)} / ${fmt(count, 0)}`,
        fmt(staleReads, 0),
        `${fmt(reads, 0)} in ${fmt(windowMs / 1000)} s`,
        count >= 10_000 ? (have.count === count && target ? 'met' : 'NOT met') : '–',
      ]);
      for (const s of statements.slice(0, 8))
        sqlRows.push([path, fmt(count, 0), String(s.count), `\`${s.sql.slice(0, 110)}\``]);
      data.push({
        path,
        count,
        releaseRoundTripMs: release.ms,
        sentAt,
        commitAt,
        lastHaveAt: lastHave,
        wake,
        have,
        staleReads,
        errors: failed.length,
        sql: { windowMs, reads, statements },
      });
      if (newReleaseKey) releaseKey = newReleaseKey;
      if (newNotificationId !== undefined) notificationId = newNotificationId;
    }
  } finally {
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
