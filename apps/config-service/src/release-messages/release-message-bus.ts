export interface ReleaseMessage {
  id: number;
  /** `appId+cluster+namespace` */
  message: string;
}

export type ReleaseMessageListener = (message: ReleaseMessage) => void;

/**
 * Fans scanned release messages out to this instance's caches and long polls. Listeners run in
 * registration order, so caches are invalidated before waiting clients are woken.
 */
export class ReleaseMessageBus {
  private readonly listeners: ReleaseMessageListener[] = [];

  subscribe(listener: ReleaseMessageListener): void {
    this.listeners.push(listener);
  }

  publish(message: ReleaseMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
