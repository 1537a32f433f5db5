import { connectDataSource, dataSourceOptions, type DataSourceSettings } from '@houston/persistence';
import { Module, type DynamicModule, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource, DataSourceOptions } from 'typeorm';

/** What `openDataLayer` builds on the connected data source: a `Database`, the portal's database. */
export const DATA_LAYER = Symbol('DATA_LAYER');

export interface DataLayerSpec<T> {
  /**
   * TypeORM's data source name; unset for Houston's own database. The portal's database is named
   * so that both can live in one process (the all-in-one).
   */
  name?: string;
  settings: DataSourceSettings;
  /**
   * What is built on the data source once connected (migrations, then the repositories). If it
   * throws the data source is destroyed: Nest runs no shutdown hook for a context that never
   * finished starting. `close` closes the whole context, for the result's own `close()`.
   */
  prepare(dataSource: DataSource, close: () => Promise<void>): Promise<T>;
  /** Turns a failure to connect into the error start-up reports (the setting, the password masked). */
  describeFailure(error: unknown): Error;
}

@Module({})
class DataLayerModule {}

/**
 * `TypeOrmModule.forRootAsync` with the validated settings, and the data layer built on the
 * `DataSource` it injects. Connection failures are not retried: a server that cannot reach its
 * database must say so in one line and exit (TypeOrmModule would otherwise retry 10 times, 3 s
 * apart, logging a stack trace each time), and its orchestrator restarts it.
 */
export function dataLayerModule<T>(spec: DataLayerSpec<T>, close: () => Promise<void>): DynamicModule {
  return {
    module: DataLayerModule,
    imports: [
      TypeOrmModule.forRootAsync({
        name: spec.name,
        useFactory: () => {
          try {
            return { ...dataSourceOptions(spec.settings), retryAttempts: 1, toRetry: () => false };
          } catch (error) {
            throw spec.describeFailure(error);
          }
        },
        dataSourceFactory: async (options?: DataSourceOptions) => {
          try {
            return await connectDataSource(options!, spec.settings);
          } catch (error) {
            throw spec.describeFailure(error);
          }
        },
      }),
    ],
    providers: [
      {
        provide: DATA_LAYER,
        useFactory: async (dataSource: DataSource) => {
          try {
            return await spec.prepare(dataSource, close);
          } catch (error) {
            await dataSource.destroy().catch(() => undefined);
            throw error;
          }
        },
        inject: [getDataSourceToken(spec.name)],
      },
    ],
    exports: [DATA_LAYER],
  };
}

export interface OpenDataLayer<T> {
  value: T;
  dataSource: DataSource;
  /** Closes the context: TypeOrmModule destroys the data source on application shutdown. */
  close(): Promise<void>;
}

/**
 * The one data source of a database in this process, owned by a Nest application context of its
 * own: the servers of one process (the all-in-one runs three Nest applications) share it, and it
 * outlives each of them until the process closes it.
 */
export async function openDataLayer<T>(
  spec: DataLayerSpec<T>,
  logger: LoggerService,
): Promise<OpenDataLayer<T>> {
  // The data layer's own close() closes the context, which exists only once it has been built.
  const opened: { context?: INestApplicationContext } = {};
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= opened.context ? opened.context.close() : Promise.resolve());
  const context = await NestFactory.createApplicationContext(dataLayerModule(spec, close), {
    logger,
    // A library must not abort the process on a bootstrap error: the caller reports it.
    abortOnError: false,
  });
  opened.context = context;
  return {
    value: context.get<T>(DATA_LAYER),
    dataSource: context.get<DataSource>(getDataSourceToken(spec.name)),
    close,
  };
}
