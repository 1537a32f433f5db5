/** A row of the embedded registry: one instance and the time of its latest heartbeat. */
export interface RegistryRecord {
  serviceName: string;
  instanceId: string;
  uri: string;
  cluster: string;
  metadata: Record<string, string>;
  lastHeartbeatAt: Date;
}

/** Storage behind the embedded registry (the shared database in production). */
export interface RegistryStore {
  /** Inserts the record, or replaces the one with the same instanceId. */
  upsert(record: RegistryRecord): Promise<void>;
  remove(instanceId: string): Promise<void>;
  /** Records of the service whose lastHeartbeatAt ≥ since, sorted by instanceId. */
  listAlive(serviceName: string, since: Date): Promise<RegistryRecord[]>;
  ping(): Promise<boolean>;
}
