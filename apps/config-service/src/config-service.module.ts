import { decryptConfigurations } from '@houston/domain';
import { DatabaseInstanceStore } from '@houston/persistence';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { AccessKeyLookup } from './access/access-key-lookup';
import { ClientAuthorizer } from './access/client-authorizer';
import { AnswerCache } from './configs/answer-cache';
import { ObservedMismatches } from './access/observed-mismatches';
import { ConfigAssembler } from './configs/config-assembler';
import { DatabaseGrayRuleSource } from './gray/database-gray-rule-source';
import { GrayRuleCache } from './gray/gray-rule-cache';
import { ConfigQueryService, type ServedConfig } from './configs/config-query.service';
import { IncrementalSync } from './configs/incremental-sync';
import { ConfigServiceLifecycle } from './config-service.lifecycle';
import {
  CONFIG_SERVICE_OPTIONS,
  DEFAULT_CONFIG_SERVICE_OPTIONS,
  type ConfigServiceOptions,
} from './config-service.options';
import { InstanceSightings } from './instances/instance-sightings';
import { ConfigServiceMetrics } from './metrics/config-service-metrics';
import { InstanceTracker } from './instances/instance-tracker';
import { AppNamespaceLookup } from './namespaces/app-namespace-lookup';
import { CanonicalNames } from './namespaces/canonical-names';
import { LongPollRegistry } from './notifications/long-poll-registry';
import { NotificationService } from './notifications/notification-service';
import { NotificationIndex } from './release-messages/notification-index';
import { ReleaseMessageCleaner } from './release-messages/release-message-cleaner';
import { ReleaseMessageHandler } from './release-messages/release-message-handler';
import { ReleaseMessageScanner } from './release-messages/release-message-scanner';
import { DatabaseReleaseLoader } from './releases/database-release-loader';
import { ReleaseCache } from './releases/release-cache';
import { ClientReportRecorder } from './reports/client-report-recorder';

/** Client reports older than this are deleted: rollouts read the recent ones. */
const CLIENT_REPORT_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** At most one log line per app this often for requests an OBSERVER key would have refused. */
const OBSERVED_MISMATCH_LOG_INTERVAL_MS = 10_000;

export type ConfigServiceModuleOptions = Pick<ConfigServiceOptions, 'database'> &
  Partial<Omit<ConfigServiceOptions, 'database'>>;

/**
 * The client-facing read path: the services behind Apollo's `/configs`, `/configfiles` and
 * `/notifications/v2` (served as plain Fastify routes, see http/client-routes), fed by this
 * instance's ReleaseMessage scanner. The plain classes are wired here by factory so
 * they stay free of the framework and are tested on their own. What a release message does, and
 * in which order, is `ReleaseMessageHandler`; the scanner is its only caller here.
 */
@Module({})
export class ConfigServiceModule {
  static register(moduleOptions: ConfigServiceModuleOptions): DynamicModule {
    const options: ConfigServiceOptions = { ...DEFAULT_CONFIG_SERVICE_OPTIONS, ...moduleOptions };
    const logger = new Logger('ConfigService');
    const metrics = new ConfigServiceMetrics(options.metrics);
    const longPolls = new LongPollRegistry();
    metrics.watchLongPolls(longPolls);
    return {
      module: ConfigServiceModule,
      providers: [
        { provide: CONFIG_SERVICE_OPTIONS, useValue: options },
        { provide: NotificationIndex, useValue: new NotificationIndex() },
        { provide: LongPollRegistry, useValue: longPolls },
        {
          provide: ReleaseCache,
          useFactory: () =>
            new ReleaseCache(new DatabaseReleaseLoader(options.database, options.secretKeys), {
              onStaleServed: (key, error) =>
                logger.warn({
                  msg: 'database unreachable, serving the last known release',
                  key,
                  error: String(error),
                }),
            }),
        },
        {
          provide: AccessKeyLookup,
          useFactory: () =>
            new AccessKeyLookup(options.database.repos.accessKeys, options.accessKeyCacheTtlMs),
        },
        {
          provide: ClientAuthorizer,
          useFactory: (keys: AccessKeyLookup) =>
            new ClientAuthorizer(
              keys,
              new ObservedMismatches(
                (mismatch) => logger.warn({ msg: 'access key mismatch served (OBSERVER mode)', ...mismatch }),
                OBSERVED_MISMATCH_LOG_INTERVAL_MS,
              ),
            ),
          inject: [AccessKeyLookup],
        },
        {
          provide: InstanceTracker,
          useFactory: () =>
            new InstanceTracker(options.instances ?? new DatabaseInstanceStore(options.database.dataSource), {
              flushIntervalMs: options.instanceFlushIntervalMs,
              maxPending: 50_000,
              onError: (error) =>
                logger.warn({
                  msg: 'client instances could not be recorded; dropped this batch',
                  error: String(error),
                }),
            }),
        },
        {
          provide: ClientReportRecorder,
          useFactory: () =>
            new ClientReportRecorder(options.database.repos.clientReports, {
              flushIntervalMs: options.instanceFlushIntervalMs,
              maxPending: 50_000,
              retentionMs: CLIENT_REPORT_RETENTION_MS,
              maxRows: options.clientReportMaxRows ?? DEFAULT_CONFIG_SERVICE_OPTIONS.clientReportMaxRows,
              onError: (error) =>
                logger.warn({
                  msg: 'client reports could not be recorded; dropped this batch',
                  error: String(error),
                }),
            }),
        },
        {
          provide: InstanceSightings,
          useFactory: (tracker: InstanceTracker) => {
            metrics.watchInstances(tracker.stats);
            return new InstanceSightings(tracker);
          },
          inject: [InstanceTracker],
        },
        {
          provide: AppNamespaceLookup,
          useFactory: () =>
            new AppNamespaceLookup(options.database.repos.appNamespaces, options.namespaceCacheTtlMs),
        },
        {
          provide: GrayRuleCache,
          useFactory: () => new GrayRuleCache(new DatabaseGrayRuleSource(options.database)),
        },
        {
          provide: ConfigAssembler,
          useFactory: (cache: ReleaseCache, lookup: AppNamespaceLookup, gray: GrayRuleCache) =>
            new ConfigAssembler(
              cache,
              lookup,
              gray,
              new CanonicalNames(
                {
                  findAppIdsIgnoringCase: (appId) =>
                    options.database.repos.apps.findAppIdsIgnoringCase(appId),
                  clusterNames: async (appId) =>
                    (await options.database.repos.clusters.listAllByApp(appId)).map(
                      (cluster) => cluster.name,
                    ),
                },
                options.namespaceCacheTtlMs,
              ),
            ),
          inject: [ReleaseCache, AppNamespaceLookup, GrayRuleCache],
        },
        { provide: AnswerCache, useValue: new AnswerCache<ServedConfig>(options.namespaceCacheTtlMs) },
        {
          provide: NotificationService,
          useFactory: (assembler: ConfigAssembler, index: NotificationIndex, registry: LongPollRegistry) =>
            new NotificationService(assembler, index, registry),
          inject: [ConfigAssembler, NotificationIndex, LongPollRegistry],
        },
        {
          provide: ReleaseMessageHandler,
          useFactory: (
            index: NotificationIndex,
            releases: ReleaseCache,
            answers: AnswerCache<ServedConfig>,
            grayRules: GrayRuleCache,
            longPolls: LongPollRegistry,
          ) => new ReleaseMessageHandler({ index, releases, answers, grayRules, longPolls }),
          inject: [NotificationIndex, ReleaseCache, AnswerCache, GrayRuleCache, LongPollRegistry],
        },
        {
          provide: ReleaseMessageScanner,
          useFactory: (handler: ReleaseMessageHandler, index: NotificationIndex) => {
            const releaseIds = new DatabaseReleaseLoader(options.database);
            const scanner = new ReleaseMessageScanner(
              options.database.repos.releaseMessages,
              (key, id, ageMs) => metrics.messageDelivered(ageMs, handler.onReleaseMessage(key, id)),
              {
                intervalMs: options.scanIntervalMs,
                gapRecheckMs: options.gapRecheckMs,
                reconcileIntervalMs: options.reconcileIntervalMs,
                knownId: (key) => index.latestId(key),
                revalidate: () => handler.revalidateReleases((keys) => releaseIds.activeIds(keys)),
                onError: (error) =>
                  logger.warn({ msg: 'release message scan failed; retrying', error: String(error) }),
              },
            );
            metrics.watchScanner(scanner);
            return scanner;
          },
          inject: [ReleaseMessageHandler, NotificationIndex],
        },
        {
          provide: ConfigQueryService,
          useFactory: (
            assembler: ConfigAssembler,
            answers: AnswerCache<ServedConfig>,
            index: NotificationIndex,
            scanner: ReleaseMessageScanner,
            releases: ReleaseCache,
          ) => {
            const queries = new ConfigQueryService(assembler, answers, index, () => scanner.scanSoon());
            metrics.watchCaches({ release: releases.stats, answer: queries.answerStats });
            return queries;
          },
          inject: [ConfigAssembler, AnswerCache, NotificationIndex, ReleaseMessageScanner, ReleaseCache],
        },
        {
          provide: ReleaseMessageCleaner,
          useFactory: () =>
            new ReleaseMessageCleaner(
              options.database.repos.releaseMessages,
              options.messageCleanupIntervalMs,
              (deleted, error) => {
                if (error) logger.warn({ msg: 'release message cleanup failed', error: String(error) });
                else if (deleted > 0) logger.log({ msg: 'old release messages pruned', deleted });
              },
            ),
        },
        {
          provide: IncrementalSync,
          useFactory: () =>
            new IncrementalSync(
              {
                incrementalSyncEnabled: async (appId) =>
                  (await options.database.repos.apps.findByAppId(appId))?.incrementalSync ?? false,
                findRelease: async (releaseKey) => {
                  const release = await options.database.repos.releases.findByReleaseKey(releaseKey);
                  if (!release) return null;
                  const configurations = decryptConfigurations(
                    JSON.parse(release.configurations) as Record<string, string>,
                    options.secretKeys,
                  );
                  return { appId: release.appId, namespaceName: release.namespaceName, configurations };
                },
              },
              {
                settingTtlMs: options.namespaceCacheTtlMs,
                onError: (error) =>
                  logger.warn({ msg: 'incremental sync failed; answering in full', error: String(error) }),
              },
            ),
        },
        ConfigServiceLifecycle,
      ],
      exports: [
        IncrementalSync,
        ConfigServiceLifecycle,
        InstanceTracker,
        ClientReportRecorder,
        ConfigQueryService,
        NotificationService,
        InstanceSightings,
        ClientAuthorizer,
      ],
    };
  }
}
