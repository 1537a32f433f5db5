import type { ClientReportRow } from '@houston/persistence';
import { ClientReportRecorder, type ClientReportSink } from './client-report-recorder';

class RecordingSink implements ClientReportSink {
  batches: ClientReportRow[][] = [];
  pruned: Date[] = [];
  capped: number[] = [];
  failNext = false;
  async upsertBatch(rows: ClientReportRow[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('down');
    }
    this.batches.push(rows);
  }
  async deleteOlderThan(before: Date, _batch: number): Promise<number> {
    this.pruned.push(before);
    return 1;
  }
  async deleteBeyond(maxRows: number, _batch: number): Promise<number> {
    this.capped.push(maxRows);
    return 2;
  }
}

const batch = (status: 'applied' | 'rejected', releaseKey = 'k1') => ({
  appId: 'shop',
  cluster: 'default',
  dataCenter: '',
  reports: [{ namespaceName: 'application', releaseKey, status, message: '' }],
});

describe('ClientReportRecorder', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('coalesces a burst: one row per instance and release key, the newest report wins', async () => {
    const sink = new RecordingSink();
    const recorder = new ClientReportRecorder(
      sink,
      { flushIntervalMs: 60_000, maxPending: 10_000, retentionMs: 1000, maxRows: 100 },
      () => now,
    );
    for (let i = 0; i < 500; i++) recorder.record(batch('applied'), `10.0.${i >> 8}.${i & 255}`);
    recorder.record(batch('rejected'), '10.0.0.0');
    expect(recorder.record(batch('applied', 'k2+owner'), '10.0.0.0')).toBe(2);
    await recorder.flush();
    expect(sink.batches).toHaveLength(1);
    const rows = sink.batches[0]!;
    expect(rows).toHaveLength(502);
    expect(rows.find((row) => row.ip === '10.0.0.0' && row.releaseKey === 'k1')!.status).toBe('rejected');
    expect(
      rows
        .filter((row) => row.ip === '10.0.0.0')
        .map((row) => row.releaseKey)
        .sort(),
    ).toEqual(['k1', 'k2', 'owner']);
    expect(recorder.stats).toEqual({ received: 503, written: 502, failedFlushes: 0 });
  });

  it('writes early past its bound, drops a failed batch, and prunes by age', async () => {
    const sink = new RecordingSink();
    const errors: unknown[] = [];
    const recorder = new ClientReportRecorder(
      sink,
      {
        flushIntervalMs: 60_000,
        maxPending: 2,
        retentionMs: 1000,
        maxRows: 100,
        onError: (error) => errors.push(error),
      },
      () => now,
    );
    sink.failNext = true;
    recorder.record(batch('applied'), '1');
    recorder.record(batch('applied'), '2');
    recorder.record(batch('applied'), '3');
    await recorder.stop();
    expect(errors).toHaveLength(1);
    expect(sink.batches.map((rows) => rows.map((row) => row.ip))).toEqual([['3']]);
    expect(await recorder.prune()).toBe(3);
    expect(sink.pruned).toEqual([new Date(now.getTime() - 1000)]);
    expect(sink.capped).toEqual([100]);
  });

  it('prunes as soon as it starts, not only an hour later', async () => {
    const sink = new RecordingSink();
    const recorder = new ClientReportRecorder(
      sink,
      { flushIntervalMs: 60_000, maxPending: 10, retentionMs: 1000, maxRows: 100 },
      () => now,
    );
    recorder.start();
    await recorder.stop();
    expect(sink.pruned).toEqual([new Date(now.getTime() - 1000)]);
    expect(sink.capped).toEqual([100]);
  });

  it('prunes by count a batch per statement, the oldest first, with a turn of the event loop between batches', async () => {
    // 25 rows (ids 1..25), 3 to keep: 22 to drop, 10 per statement.
    let rows = Array.from({ length: 25 }, (_, index) => index + 1);
    const statements: number[][] = [];
    let turned = true;
    const sink: ClientReportSink = {
      upsertBatch: async () => undefined,
      deleteOlderThan: async () => 0,
      deleteBeyond: async (maxRows, batch) => {
        // Each statement starts after the event loop turned since the one before.
        expect(turned).toBe(true);
        turned = false;
        setImmediate(() => (turned = true));
        const beyond = rows.slice(0, Math.max(0, rows.length - maxRows)).slice(0, batch);
        statements.push(beyond);
        rows = rows.filter((id) => !beyond.includes(id));
        return beyond.length;
      },
    };
    const recorder = new ClientReportRecorder(
      sink,
      { flushIntervalMs: 60_000, maxPending: 10, retentionMs: 1000, maxRows: 3, pruneBatch: 10 },
      () => now,
    );
    expect(await recorder.prune()).toBe(22);
    expect(statements.map((ids) => ids.length)).toEqual([10, 10, 2]);
    expect(statements[0]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows).toEqual([23, 24, 25]);
  });

  it('prunes by age a batch per statement too, with a turn of the event loop between batches', async () => {
    // 25 reports past the retention time: 10 per statement.
    let old = Array.from({ length: 25 }, (_, index) => index + 1);
    const statements: number[] = [];
    const cutoffs: Date[] = [];
    let turned = true;
    const sink: ClientReportSink = {
      upsertBatch: async () => undefined,
      deleteOlderThan: async (before, batch) => {
        expect(turned).toBe(true);
        turned = false;
        setImmediate(() => (turned = true));
        cutoffs.push(before);
        const dropped = old.slice(0, batch);
        old = old.slice(batch);
        statements.push(dropped.length);
        return dropped.length;
      },
      deleteBeyond: async () => 0,
    };
    const recorder = new ClientReportRecorder(
      sink,
      { flushIntervalMs: 60_000, maxPending: 10, retentionMs: 1000, maxRows: 100, pruneBatch: 10 },
      () => now,
    );
    expect(await recorder.prune()).toBe(25);
    expect(statements).toEqual([10, 10, 5]);
    expect(cutoffs).toEqual([0, 1, 2].map(() => new Date(now.getTime() - 1000)));
    expect(old).toEqual([]);
  });

  it('stops pruning between batches when it is stopped', async () => {
    let statements = 0;
    const sink: ClientReportSink = {
      upsertBatch: async () => undefined,
      deleteOlderThan: async () => 0,
      // A table that never gets under its bound: every statement drops a full batch.
      deleteBeyond: async (_maxRows, batch) => (++statements, batch),
    };
    const recorder = new ClientReportRecorder(
      sink,
      { flushIntervalMs: 60_000, maxPending: 10, retentionMs: 1000, maxRows: 3, pruneBatch: 10 },
      () => now,
    );
    recorder.start();
    await recorder.stop();
    expect(statements).toBeGreaterThanOrEqual(1);
    const after = statements;
    await new Promise((turn) => setImmediate(turn));
    expect(statements).toBe(after);
  });
});
