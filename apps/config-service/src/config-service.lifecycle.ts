import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from './config-service.options';
import { InstanceTracker } from './instances/instance-tracker';
import { ClientReportRecorder } from './reports/client-report-recorder';
import { LongPollRegistry } from './notifications/long-poll-registry';
import { NotificationIndex } from './release-messages/notification-index';
import { ReleaseMessageCleaner } from './release-messages/release-message-cleaner';
import { ReleaseMessageScanner } from './release-messages/release-message-scanner';

/** Starts the background work config-service owns, and stops it so long polls end with a 304. */
@Injectable()
export class ConfigServiceLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('ConfigService');

  constructor(
    @Inject(CONFIG_SERVICE_OPTIONS) private readonly options: ConfigServiceOptions,
    private readonly index: NotificationIndex,
    private readonly scanner: ReleaseMessageScanner,
    private readonly cleaner: ReleaseMessageCleaner,
    private readonly longPolls: LongPollRegistry,
    private readonly instances: InstanceTracker,
    private readonly reports: ClientReportRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const messages = this.options.database.repos.releaseMessages;
    // The newest id first, then the index: a message committing in between is in the index and
    // scanned again, rather than in neither. Ids just below it that are not there yet (a
    // transaction still open) are looked for as gaps from the first scan on.
    const startAfter = await messages.maxId();
    this.index.seed(await messages.latestIdsOfAll());
    await this.scanner.start(startAfter);
    this.cleaner.start();
    this.instances.start();
    this.reports.start();
    this.logger.log({
      msg: 'release message scanner started',
      afterId: startAfter,
      intervalMs: this.options.scanIntervalMs,
    });
  }

  /** A release message was committed: look for it now instead of at the next scan. */
  releaseMessageCommitted(): Promise<void> {
    return this.scanner.scanSoon();
  }

  /** How many long polls this instance holds now. */
  get heldLongPolls(): number {
    return this.longPolls.size;
  }

  /** Answers every held long poll with 304; clients poll again (elsewhere, if this instance is going away). */
  releaseLongPolls(): number {
    return this.longPolls.releaseAll();
  }

  /**
   * Runs before the HTTP server closes: the server waits for open requests, so held long polls
   * must be answered first or shutdown would wait out their hold.
   */
  beforeApplicationShutdown(): void {
    const released = this.releaseLongPolls();
    this.logger.log({ msg: 'long polls released for shutdown', releasedLongPolls: released });
  }

  async onApplicationShutdown(): Promise<void> {
    this.cleaner.stop();
    await this.scanner.stop();
    await this.instances.stop();
    await this.reports.stop();
    this.logger.log({ msg: 'config service stopped' });
  }
}
