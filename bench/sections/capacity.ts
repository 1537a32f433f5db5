import { AdminClient, currentNotificationId, propertiesText } from '../lib/admin-client';
import { openHeld, waitFor } from '../lib/held-requests';
import { pollPath } from '../lib/poll-path';
import { cpuShare, openFileLimit, rssBytes, sleep } from '../lib/proc';
import { startHoustonPair } from '../lib/servers';
import { fmt, markdownTable, mib, summarize } from '../lib/stats';
import type { Section } from './section';

const APP = 'bench-capacity';
/** Sockets, files and pipes a process needs besides the held connections. */
const FD_HEADROOM = 400;
const TARGET_CONNECTIONS = 50_000;
const TARGET_RSS = 1024 * 1024 * 1024;

/**
 * N concurrent long polls held by one config-service: memory per held poll, CPU while they sit
 * idle, and that every one is answered 304 at the hold timeout.
 */
export const capacitySection: Section = async (context) => {
  const counts = context.smoke ? [50] : [10_000, TARGET_CONNECTIONS];
  // Opening ~20k polls takes about a minute here, and every poll must still be held when measured.
  const timeoutMs = context.smoke ? 2_000 : 80_000;
  const rows: string[][] = [];
  const data: unknown[] = [];
  for (const requested of counts) {
    const pair = await startHoustonPair({
      configEnv: { HOUSTON_LONG_POLL_TIMEOUT: `${timeoutMs}ms` },
      configNodeArgs: context.profileArgs,
    });
    try {
      const admin = new AdminClient(pair.admin.url);
      await admin.createApp(APP);
      await admin.setText(APP, propertiesText(20));
      await admin.release(APP, 'capacity');
      const notificationId = await currentNotificationId(pair.config.url, APP);
      const path = pollPath(APP, notificationId);
      // Both ends need one descriptor per connection; the container's limit may be below N.
      const limit = Math.min(openFileLimit(), openFileLimit(pair.config.pid)) - FD_HEADROOM;
      const count = Math.min(requested, limit);
      if (count < requested) {
        context.log(
          `capacity: ${requested} requested, clamped to ${count} by the open files limit (${limit + FD_HEADROOM})`,
        );
      }
      await sleep(context.smoke ? 200 : 2000);
      const rssBefore = rssBytes(pair.config.pid)!;
      const cpuBefore = await cpuShare(pair.config.pid, context.smoke ? 500 : 3000);

      context.log(`capacity: opening ${count} long polls (hold ${timeoutMs} ms)`);
      const url = new URL(pair.config.url);
      const fleet = await openHeld({
        count,
        host: url.hostname,
        port: Number(url.port),
        request: () => ({ method: 'GET', path }),
      });
      const openedAt = Date.now();
      const firstSent = Math.min(...fleet.held.map((h) => h.sentAt || Infinity));
      // Measure while every poll is held: after the server has read them all, before the first times out.
      const window = Math.max(300, Math.min(5000, firstSent + timeoutMs - openedAt - 2500));
      await sleep(Math.min(1000, window / 3));
      const early = fleet.held.filter(
        (h) =>
          h.error ||
          (h.answeredAt !== undefined && (h.status !== 304 || h.answeredAt < h.sentAt + timeoutMs - 1000)),
      ).length;
      const stillHeld = fleet.held.filter((h) => h.answeredAt === undefined).length;
      const rssHeld = rssBytes(pair.config.pid)!;
      const cpuHeld = await cpuShare(pair.config.pid, window);
      const rssHeldLate = rssBytes(pair.config.pid)!;

      const allAnswered = await waitFor(
        () => fleet.held.every((h) => h.answeredAt !== undefined || h.error !== undefined),
        timeoutMs + 30_000,
        200,
      );
      const statuses: Record<string, number> = {};
      for (const h of fleet.held) {
        const key = h.error ? `error: ${h.error}` : String(h.status ?? 'none');
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      const answered304 = statuses['304'] ?? 0;
      const holds = fleet.held.filter((h) => h.status === 304).map((h) => h.answeredAt! - h.sentAt);
      const hold = summarize(holds);
      if (early > 0) context.fail(`capacity ${count}: ${early} polls answered before the hold timeout`);
      if (!allAnswered || answered304 !== count) {
        context.fail(
          `capacity ${count}: ${answered304}/${count} got 304 at the timeout; statuses ${JSON.stringify(statuses)}`,
        );
      }
      await sleep(context.smoke ? 200 : 2000);
      const rssAfter = rssBytes(pair.config.pid)!;
      fleet.destroy();

      const heldRss = Math.max(rssHeld, rssHeldLate);
      const perConnection = (heldRss - rssBefore) / count;
      const at50k = rssBefore + perConnection * TARGET_CONNECTIONS;
      rows.push([
        count === requested ? fmt(count, 0) : `${fmt(count, 0)} (of ${fmt(requested, 0)})`,
        `${fmt(fleet.openMs / 1000)} s`,
        mib(rssBefore),
        mib(heldRss),
        `${fmt(perConnection / 1024, 1)} KiB`,
        `${mib(at50k)} (${at50k < TARGET_RSS ? 'met' : 'NOT met'})`,
        `${fmt((cpuBefore ?? NaN) * 100)}% / ${fmt((cpuHeld ?? NaN) * 100)}%`,
        `${fmt(answered304, 0)} / ${fmt(count, 0)}${stillHeld < count ? ` (${fmt(count - stillHeld, 0)} timed out before RSS was read)` : ''}`,
        `${fmt(hold.p50 / 1000, 2)} / ${fmt(hold.max / 1000, 2)} s`,
        mib(rssAfter),
      ]);
      data.push({
        requested,
        count,
        fdLimit: limit + FD_HEADROOM,
        timeoutMs,
        openMs: fleet.openMs,
        rssBefore,
        rssHeld,
        rssHeldLate,
        rssAfter,
        perConnection,
        extrapolatedRssAt50k: at50k,
        cpuIdleBefore: cpuBefore,
        cpuIdleHeld: cpuHeld,
        cpuWindowMs: window,
        statuses,
        stillHeldWhenMeasured: stillHeld,
        hold,
      });
    } finally {
      await pair.stop();
    }
  }
  const markdown = [
    `Long polls held by one config-service (hold timeout ${timeoutMs / 1000} s), each on its own keep-alive connection from the bench process.`,
    "RSS per poll = (RSS while held − RSS before) / N; the 50k column extrapolates it linearly when fewer could be opened. CPU is the server process's share of one core, idle before / while holding.",
    '',
    markdownTable(
      [
        'held polls',
        'time to open',
        'RSS before',
        'RSS held',
        'RSS per poll',
        'RSS at 50k (< 1 GiB)',
        'idle CPU before / held',
        '304 at timeout',
        'hold p50 / max',
        'RSS after 304s',
      ],
      rows,
    ),
  ].join('\n');
  return { name: 'capacity', markdown, data };
};
