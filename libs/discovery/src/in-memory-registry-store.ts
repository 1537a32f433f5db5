import { compareIds } from './compare-ids';
import type { RegistryRecord, RegistryStore } from './registry-store';

export interface InMemoryRegistryStoreOptions {
  /** The store's own clock (a database has one too); used by purgeExpired. */
  now?: () => Date;
}

function copy(record: RegistryRecord): RegistryRecord {
  return { ...record, metadata: { ...record.metadata }, lastHeartbeatAt: new Date(record.lastHeartbeatAt) };
}

/**
 * A RegistryStore held in process memory: for tests and single-process setups. Records are copied in
 * and out so callers cannot mutate what the store holds, as with a real database.
 */
export class InMemoryRegistryStore implements RegistryStore {
  private readonly records = new Map<string, RegistryRecord>();
  private readonly now: () => Date;
  private outage: Error | null = null;

  constructor(options: InMemoryRegistryStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async upsert(record: RegistryRecord): Promise<void> {
    this.assertAvailable();
    this.records.set(record.instanceId, copy(record));
  }

  async remove(instanceId: string): Promise<void> {
    this.assertAvailable();
    this.records.delete(instanceId);
  }

  async listAlive(serviceName: string, since: Date): Promise<RegistryRecord[]> {
    this.assertAvailable();
    return [...this.records.values()]
      .filter(
        (record) => record.serviceName === serviceName && record.lastHeartbeatAt.getTime() >= since.getTime(),
      )
      .sort((a, b) => compareIds(a.instanceId, b.instanceId))
      .map(copy);
  }

  async ping(): Promise<boolean> {
    return this.outage === null;
  }

  /** Drops records whose last heartbeat is older than maxAgeMs by the store's clock; returns how many. */
  async purgeExpired(maxAgeMs: number): Promise<number> {
    this.assertAvailable();
    const cutoff = this.now().getTime() - maxAgeMs;
    let purged = 0;
    for (const [instanceId, record] of this.records) {
      if (record.lastHeartbeatAt.getTime() < cutoff) {
        this.records.delete(instanceId);
        purged += 1;
      }
    }
    return purged;
  }

  /** Every record, whatever its age: lets tests look at what was written. */
  snapshot(): RegistryRecord[] {
    return [...this.records.values()].sort((a, b) => compareIds(a.instanceId, b.instanceId)).map(copy);
  }

  /** Makes every operation fail (and ping answer false) until called with false: simulates a database outage. */
  simulateOutage(down: boolean, error: Error = new Error('registry store unavailable')): void {
    this.outage = down ? error : null;
  }

  private assertAvailable(): void {
    if (this.outage) throw this.outage;
  }
}
