import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { createDataSource, takeTurnsBetweenStatements } from './create-data-source';
import { LoopTurns } from './loop-turns';

describe('SQLite statements take turns with the event loop', () => {
  let dataSource: DataSource;
  let now: number;
  let turns: LoopTurns;

  beforeEach(async () => {
    dataSource = await createDataSource({ url: 'sqlite::memory:' });
    now = 0;
    turns = new LoopTurns(10, () => now);
    takeTurnsBetweenStatements(dataSource, turns);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  it('a statement outside a transaction waits for a later turn once the turn has run its budget', async () => {
    await dataSource.query('SELECT 1');
    now += 10;
    let answered = false;
    const statement = dataSource.query('SELECT 2 AS two').then((rows) => {
      answered = true;
      return rows as unknown;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(turns.waitingCount).toBe(1);
    await expect(statement).resolves.toEqual([{ two: 2 }]);
  });

  it('statements inside a transaction never wait, whatever the turn has run', async () => {
    await dataSource.query('SELECT 1');
    now += 10;
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1');
      await manager.query('SELECT 2');
      expect(turns.waitingCount).toBe(0);
    });
    while (turns.waitingCount > 0) await nextCheckPhase();
  });
});
