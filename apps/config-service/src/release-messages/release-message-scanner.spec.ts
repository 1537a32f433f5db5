import { ReleaseMessageBus, type ReleaseMessage } from './release-message-bus';
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
}

function setup(options: { gapRecheckMs?: number; pageSize?: number } = {}) {
  const table = new FakeTable();
  const bus = new ReleaseMessageBus();
  const seen: ReleaseMessage[] = [];
  bus.subscribe((message) => seen.push(message));
  let now = 0;
  const scanner = new ReleaseMessageScanner(table, bus, {
    intervalMs: 60_000,
    gapRecheckMs: options.gapRecheckMs ?? 10_000,
    pageSize: options.pageSize,
    clock: () => now,
  });
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
});
