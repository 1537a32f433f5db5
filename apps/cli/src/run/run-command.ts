import { HoustonClient } from '@houston/client';
import { resolve } from 'node:path';
import type { Command } from '../commands/command';
import { runAgent, type ClientFactory } from './config-agent';
import { runOptionsOf } from './run-options';

const createHoustonClient: ClientFactory = (options, logger) =>
  HoustonClient.create({
    appId: options.appId,
    cluster: options.cluster,
    namespaces: options.namespaces,
    ...(options.configServiceUrl
      ? { configServiceUrl: options.configServiceUrl }
      : { metaServerUrl: options.metaServerUrl }),
    cacheDir: options.cacheDir,
    logger,
    // What became of a release is known only once it is rendered and checked: the agent reports it.
    reportStatus: 'manual',
  });

export const runCommand: Command = {
  words: ['run'],
  usage: '-- <program> [args...]',
  summary:
    'render templates from live configuration, check them, run the program and restart or signal it on every release',
  options: [
    'meta-url',
    'config-url',
    'template',
    'check',
    'check-timeout',
    'on-change',
    'debounce',
    'on-check-fail',
    'cache-dir',
    'stop-timeout',
  ],
  minArgs: 0,
  maxArgs: 0,
  async run(context) {
    const options = runOptionsOf(context.options, context.rest, context.io.env);
    if (options.cacheDir) options.cacheDir = resolve(context.io.cwd ?? process.cwd(), options.cacheDir);
    return runAgent(options, context.io, createHoustonClient);
  },
};
