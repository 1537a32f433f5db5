import type { ClientReportRow } from '@houston/persistence';
import { ClientReportRecorder, type ClientReportSink } from './client-report-recorder';

class RecordingSink implements ClientReportSink {
  batches: ClientReportRow[][] = [];
  pruned: Date[] = [];
  failNext = false;
  async upsertBatch(rows: ClientReportRow[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('down');
    }
    this.batches.push(rows);
  }
  async deleteOlderThan(before: Date): Promise<number> {
    this.pruned.push(before);
    return 0;
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
      { flushIntervalMs: 60_000, maxPending: 10_000, retentionMs: 1000 },
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
      { flushIntervalMs: 60_000, maxPending: 2, retentionMs: 1000, onError: (error) => errors.push(error) },
      () => now,
    );
    sink.failNext = true;
    recorder.record(batch('applied'), '1');
    recorder.record(batch('applied'), '2');
    recorder.record(batch('applied'), '3');
    await recorder.stop();
    expect(errors).toHaveLength(1);
    expect(sink.batches.map((rows) => rows.map((row) => row.ip))).toEqual([['3']]);
    await recorder.prune();
    expect(sink.pruned).toEqual([new Date(now.getTime() - 1000)]);
  });
});
