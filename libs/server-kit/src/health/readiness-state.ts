import { Injectable } from '@nestjs/common';

/**
 * Whether this instance should still get traffic. Shutdown flips it first, so load balancers and
 * Kubernetes stop sending requests while the ones in flight finish.
 */
@Injectable()
export class ReadinessState {
  private shuttingDown = false;

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }
}
