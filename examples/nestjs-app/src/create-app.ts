import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HoustonModuleOptions } from '@houston/nestjs';
import { AppModule } from './app.module';

/** The example app, unstarted: `main.ts` listens on a port, the e2e test on an ephemeral one. */
export async function createApp(
  houston: HoustonModuleOptions,
  logger = new ConsoleLogger(),
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(houston, logger),
    new FastifyAdapter(),
    {
      logger,
    },
  );
  app.enableShutdownHooks();
  return app;
}
