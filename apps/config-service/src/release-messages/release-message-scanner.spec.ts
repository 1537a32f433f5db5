import type { ReleaseMessage } from './release-message';
import { ReleaseMessageScanner, type ReleaseMessageSource } from './release-message-scanner';

/** A table whose rows become visible when "committed", in any order, like concurrent transactions. */
class FakeTable implements ReleaseMessageSource {
  private readonly visible = new Map<number, string>();

  commit(id: number, message: string): void {
    this.visible.set(id, message);
  }

  async maxId(): Promise<number> {
    return Math.max(0, ...this.visible.keys());
  }

  async findAfter(afterId: number, limit: number) {
    return [...this.visible.entries()]
      .filter(([id]) => id > afterId)
      .sort(([a], [b]) => a - b)
      .slice(0, limit)
      .map(([id, message]) => ({ id, message }));
  }

  async findByIds(ids: number[]) {
    return ids.filter((id) => this.visible.has(id)).map((id) => ({ id, message: this.visible.get(id)! }));
  }

  async latestIdsOfAll() {
    const latest = new Map<string, number>();
    for (const [id, message] of this.visible) latest.set(message, Math.max(id, latest.get(message) ?? 0));
    return latest;
  }
}

function setup(
  options: {
    gapRecheckMs?: number;
    pageSize?: number;
    startupLookback?: number;
    reconcileIntervalMs?: number;
  } = {},
) {
  const table = new FakeTable();
  const seen: ReleaseMessage[] = [];
  const known = new Map<string, number>();
  let now = 0;
  const scanner = new ReleaseMessageScanner(
    table,
    (message, id) => {
      seen.push({ id, message });
      known.set(message, Math.max(id, known.get(message) ?? 0));
    },
    {
      intervalMs: 60_000,
      gapRecheckMs: options.gapRecheckMs ?? 10_000,
      pageSize: options.pageSize,
      startupLookback: options.startupLookback,
      reconcileIntervalMs: options.reconcileIntervalMs,
      knownId: (key) => known.get(key),
      clock: () => now,
    },
  );
  return { table, scanner, seen, advance: (ms: number) => (now += ms) };
}

describe('ReleaseMessageScanner', () => {
  it('publishes only messages newer than the start, in id order, once each', async () => {
    const { table, scanner, seen } = setup();
    table.commit(1, 'a+default+application');
    await scanner.start();
    table.commit(2, 'a+default+application');
    table.commit(3, 'b+default+application');
    await scanner.scanOnce();
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen).toEqual([
      { id: 2, message: 'a+default+application' },
      { id: 3, message: 'b+default+application' },
    ]);
  });

  it('reads every page when more messages arrived than one page holds', async () => {
    const { table, scanner, seen } = setup({ pageSize: 3 });
    await scanner.start();
    for (let id = 1; id <= 10; id++) table.commit(id, `app+default+ns${id}`);
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('does not lose a message whose id commits after a later one (long transaction)', async () => {
    const { table, scanner, seen, advance } = setup({ gapRecheckMs: 60_000 });
    await scanner.start();
    table.commit(2, 'fast+default+application'); // id 1 belongs to a transaction still open
    await scanner.scanOnce();
    expect(scanner.openGaps).toEqual([1]);
    advance(30_000);
    table.commit(1, 'slow+default+application');
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen.map((m) => m.message)).toEqual(['fast+default+application', 'slow+default+application']);
    expect(scanner.openGaps).toEqual([]);
  });

  it('gives up on a gap after the recheck window (a rolled-back insert never commits)', async () => {
    const { table, scanner, seen, advance } = setup({ gapRecheckMs: 5_000 });
    await scanner.start();
    table.commit(2, 'x+default+application');
    await scanner.scanOnce();
    advance(6_000);
    await scanner.scanOnce();
    expect(scanner.openGaps).toEqual([]);
    table.commit(1, 'late+default+application');
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen.map((m) => m.id)).toEqual([2]);
  });

  it('keeps scanning after a failed read', async () => {
    const { table, scanner, seen } = setup();
    await scanner.start();
    const original = table.findAfter.bind(table);
    table.findAfter = async () => {
      throw new Error('database unreachable');
    };
    await expect(scanner.scanOnce()).rejects.toThrow('database unreachable');
    table.findAfter = original;
    table.commit(1, 'a+default+application');
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen.map((m) => m.id)).toEqual([1]);
  });

  it('counts failed scans and remembers when the last one succeeded (the scan-lag metric)', async () => {
    const { table, scanner, advance } = setup();
    await scanner.start();
    advance(1_000);
    await scanner.scanOnce();
    const succeededAt = scanner.lastCompletedScanAt;
    const original = table.findAfter.bind(table);
    table.findAfter = async () => {
      throw new Error('database unreachable');
    };
    advance(5_000);
    await expect(scanner.scanOnce()).rejects.toThrow('database unreachable');
    await expect(scanner.scanOnce()).rejects.toThrow('database unreachable');
    expect(scanner.failedScans).toBe(2);
    expect(scanner.lastCompletedScanAt).toBe(succeededAt);
    table.findAfter = original;
    await scanner.scanOnce();
    await scanner.stop();
    expect(scanner.lastCompletedScanAt).toBe(succeededAt! + 5_000);
  });

  it("hands on each message's age as the source reports it, scanned and found in a gap alike", async () => {
    const ages: Array<[number, number | undefined]> = [];
    const table = new FakeTable();
    const scanner = new ReleaseMessageScanner(
      {
        ...table,
        maxId: () => table.maxId(),
        latestIdsOfAll: () => table.latestIdsOfAll(),
        findAfter: async (afterId, limit) =>
          (await table.findAfter(afterId, limit)).map((row) => ({ ...row, ageMs: row.id * 100 })),
        findByIds: async (ids) =>
          (await table.findByIds(ids)).map((row) => ({ ...row, ageMs: row.id * 100 })),
      },
      (_key, id, ageMs) => ages.push([id, ageMs]),
      { intervalMs: 60_000, gapRecheckMs: 60_000 },
    );
    await scanner.start(0);
    table.commit(2, 'a+default+application');
    await scanner.scanOnce();
    expect(scanner.openGapCount).toBe(1);
    table.commit(1, 'b+default+application');
    await scanner.scanOnce();
    await scanner.stop();
    expect(ages).toEqual([
      [2, 200],
      [1, 100],
    ]);
    expect(scanner.openGapCount).toBe(0);
  });

  it('delivers a message whose transaction was still open when the scanner started', async () => {
    const { table, scanner, seen, advance } = setup({ gapRecheckMs: 60_000 });
    table.commit(1, 'a+default+application');
    table.commit(3, 'b+default+application'); // id 2 is held by a transaction that has not committed
    await scanner.start();
    expect(scanner.openGaps).toEqual([2]);
    await scanner.scanOnce();
    advance(10_000);
    table.commit(2, 'slow+default+application');
    await scanner.scanOnce();
    await scanner.stop();
    expect(seen).toEqual([{ id: 2, message: 'slow+default+application' }]);
    expect(scanner.openGaps).toEqual([]);
  });

  it('looks back a bounded number of ids at start-up', async () => {
    const { table, scanner } = setup({ startupLookback: 3 });
    table.commit(10, 'a+default+application');
    await scanner.start();
    await scanner.stop();
    expect(scanner.openGaps).toEqual([8, 9]); // the 3 newest ids: 8, 9 and 10
  });

  it('delivers late, at the next reconcile, a message missed past the recheck window', async () => {
    const { table, scanner, seen, advance } = setup({
      gapRecheckMs: 5_000,
      reconcileIntervalMs: 60_000,
      startupLookback: 0,
    });
    await scanner.start();
    table.commit(2, 'x+default+application');
    await scanner.scanOnce();
    advance(6_000);
    await scanner.scanOnce(); // gap 1 given up
    table.commit(1, 'late+default+application');
    await scanner.scanOnce();
    expect(seen.map((m) => m.id)).toEqual([2]);
    advance(60_000);
    table.commit(3, 'x+default+application');
    await scanner.scanOnce();
    await scanner.scanOnce();
    await scanner.stop();
    // Each message once: the late one by the reconcile, the others by the scan.
    expect(seen.map((m) => m.id)).toEqual([2, 3, 1]);
  });
});
