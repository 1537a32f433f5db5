import { messageKey } from '@houston/domain';
import { GrayRuleCache, type ActiveGrayRule } from '../gray/gray-rule-cache';
import { AppNamespaceLookup } from '../namespaces/app-namespace-lookup';
import { CanonicalNames } from '../namespaces/canonical-names';
import { LongPollRegistry } from '../notifications/long-poll-registry';
import { NotificationIndex } from '../release-messages/notification-index';
import { ReleaseMessageHandler } from '../release-messages/release-message-handler';
import { ReleaseMessageScanner } from '../release-messages/release-message-scanner';
import { ReleaseCache } from '../releases/release-cache';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import { ConfigAssembler, type ConfigRequest } from './config-assembler';
import { AnswerCache } from './answer-cache';
import { ConfigQueryService, type ServedConfig } from './config-query.service';

const KEY = messageKey('shop', 'default', 'application');

/**
 * The database as the read path sees it: releases, gray rules and release messages by key, with
 * a count of release loads.
 */
class FakeStore {
  releases = new Map<string, ReleaseSnapshot>();
  grayRules = new Map<string, ActiveGrayRule[]>();
  messages = new Map<number, string>();
  releaseLoads = 0;
  scans = 0;

  /** The message source the scanner reads. */
  readonly table = {
    maxId: async () => Math.max(0, ...this.messages.keys()),
    findAfter: async (afterId: number, limit: number) => {
      this.scans++;
      return [...this.messages]
        .filter(([id]) => id > afterId)
        .sort(([a], [b]) => a - b)
        .slice(0, limit)
        .map(([id, message]) => ({ id, message }));
    },
    findByIds: async (ids: number[]) =>
      ids.filter((id) => this.messages.has(id)).map((id) => ({ id, message: this.messages.get(id)! })),
    latestIdsOfAll: async () => new Map([...this.messages].map(([id, message]) => [message, id])),
  };

  publish(releaseKey: string, configurations: Record<string, string>, cluster = 'default'): void {
    this.releases.set(messageKey('shop', cluster, 'application'), {
      id: this.releases.size + 1,
      releaseKey,
      appId: 'shop',
      clusterName: cluster,
      namespaceName: 'application',
      configurations,
    });
  }
}

/** No app or cluster is stored under another spelling: every name is kept as asked. */
const storedAsAsked = {
  findAppIdsIgnoringCase: (appId: string) => Promise.resolve([appId]),
  clusterNames: () => Promise.resolve([]),
};

/** The read path as the module wires it, on the fake store; the scanner is started, not timed. */
async function readPath(store: FakeStore) {
  const releases = new ReleaseCache({
    load: (appId, cluster, namespace) => {
      store.releaseLoads++;
      return Promise.resolve(store.releases.get(messageKey(appId, cluster, namespace)) ?? null);
    },
  });
  const namespaces = new AppNamespaceLookup(
    {
      findByAppAndName: () => Promise.resolve(null),
      findPublicByName: () => Promise.resolve(null),
    },
    10_000,
  );
  const grayRules = new GrayRuleCache({
    load: (appId, cluster, namespace) =>
      Promise.resolve(store.grayRules.get(messageKey(appId, cluster, namespace)) ?? []),
  });
  const index = new NotificationIndex();
  const answers = new AnswerCache<ServedConfig>(10_000);
  const handler = new ReleaseMessageHandler({
    index,
    releases,
    answers,
    grayRules,
    longPolls: new LongPollRegistry(),
  });
  const scanner = new ReleaseMessageScanner(store.table, (key, id) => handler.onReleaseMessage(key, id), {
    intervalMs: 3_600_000,
    gapRecheckMs: 60_000,
  });
  await scanner.start();
  const configs = new ConfigQueryService(
    new ConfigAssembler(releases, namespaces, grayRules, new CanonicalNames(storedAsAsked, 10_000)),
    answers,
    index,
    () => scanner.scanSoon(),
  );
  /** A release message as this instance's scan delivers it. */
  const message = (key: string, id: number) => handler.onReleaseMessage(key, id);
  return { configs, message, scanner };
}

const request: ConfigRequest = {
  appId: 'shop',
  cluster: 'default',
  namespace: 'application',
  ip: '10.0.0.1',
};

describe('ConfigQueryService', () => {
  it('answers a repeated read from memory, without assembling it again', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs } = await readPath(store);
    expect(configs.cached(request)).toBeUndefined();

    const first = await configs.find(request);
    expect(JSON.parse(first.body.toString())).toEqual({
      appId: 'shop',
      cluster: 'default',
      namespaceName: 'application',
      configurations: { price: '7' },
      releaseKey: 'r1',
    });
    expect(configs.cached(request)).toBe(first);
    expect(configs.cached({ ...request, ip: '10.0.0.2' })).toBe(first);
    expect(configs.cached({ ...request, dataCenter: 'dc1' })).toBeUndefined();
    expect(store.releaseLoads).toBe(1);
  });

  it('serves the new release after its message, never the answer it replaced', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, message } = await readPath(store);
    await configs.find(request);

    store.publish('r2', { price: '8' });
    message(KEY, 2);
    expect(configs.cached(request)).toBeUndefined();
    expect((await configs.find(request)).releaseKey).toBe('r2');
    expect(configs.cached(request)?.releaseKey).toBe('r2');
  });

  it('drops an answer when a release appears in a cluster it fell back past', async () => {
    const store = new FakeStore();
    store.publish('r-default', { price: '7' });
    const { configs, message } = await readPath(store);
    const fromDc = { ...request, cluster: 'east' };
    expect((await configs.find(fromDc)).releaseKey).toBe('r-default');

    store.publish('r-east', { price: '9' }, 'east');
    message(messageKey('shop', 'east', 'application'), 3);
    expect(configs.cached(fromDc)).toBeUndefined();
    expect((await configs.find(fromDc)).releaseKey).toBe('r-east');
  });

  it('does not keep an answer assembled while a message for it arrived', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, message } = await readPath(store);
    const reading = configs.find(request);
    store.publish('r2', { price: '8' });
    message(KEY, 2);
    await reading;
    expect(configs.cached(request)).toBeUndefined();
    expect((await configs.find(request)).releaseKey).toBe('r2');
  });

  it('assembles every read of a namespace under gray rules (the answer depends on the client)', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    store.releases.set(messageKey('shop', 'gray-1', 'application'), {
      id: 9,
      releaseKey: 'g1',
      appId: 'shop',
      clusterName: 'gray-1',
      namespaceName: 'application',
      configurations: { price: '8' },
    });
    store.grayRules.set(KEY, [
      {
        branchName: 'gray-1',
        items: [{ clientAppId: 'shop', clientIpList: ['10.0.0.9'], clientLabelList: [] }],
      },
    ]);
    const { configs } = await readPath(store);
    expect((await configs.find(request)).releaseKey).toBe('r1');
    expect(configs.cached(request)).toBeUndefined();
    expect((await configs.find({ ...request, ip: '10.0.0.9' })).releaseKey).toBe('g1');
  });

  it('reloads when the client has heard of a newer release than this instance', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, message, scanner } = await readPath(store);
    message(KEY, 1);
    await configs.find(request);

    // Another instance woke the client with message 2; this one has not scanned it yet.
    store.publish('r2', { price: '8' });
    store.messages.set(2, KEY);
    const clientMessages = JSON.stringify({ details: { [KEY]: 2 } });
    expect(configs.cached(request, clientMessages)).toBeUndefined();
    expect((await configs.find(request, clientMessages)).releaseKey).toBe('r2');
    await scanner.stop();
  });

  it('catches up once per key and message for 200 clients woken elsewhere that read before this instance scanned', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, message, scanner } = await readPath(store);
    message(KEY, 1);
    await configs.find(request);
    store.releaseLoads = 0;
    store.scans = 0;

    store.publish('r2', { price: '8' });
    store.messages.set(2, KEY);
    const clientMessages = JSON.stringify({ details: { [KEY]: 2 } });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => configs.find({ ...request, ip: `10.0.1.${i}` }, clientMessages)),
    );
    expect(new Set(answers.map((answer) => answer.releaseKey))).toEqual(new Set(['r2']));
    expect(store.releaseLoads).toBe(1);
    expect(store.scans).toBe(1);
    // This instance's own scan finds nothing new: no second load for the same message.
    await scanner.scanOnce();
    expect((await configs.find(request, clientMessages)).releaseKey).toBe('r2');
    expect(store.releaseLoads).toBe(1);
    await scanner.stop();
  });

  it('catches up a gray change too: the branch release and the rules, not only the main key', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    store.publish('g1', { price: '8' }, 'gray-1');
    const rules = (ip: string) => [
      { branchName: 'gray-1', items: [{ clientAppId: 'shop', clientIpList: [ip], clientLabelList: [] }] },
    ];
    store.grayRules.set(KEY, rules('10.0.0.9'));
    const { configs, message, scanner } = await readPath(store);
    message(KEY, 1);
    expect((await configs.find({ ...request, ip: '10.0.0.9' })).releaseKey).toBe('g1');

    // Another instance woke the client for a gray re-publish announced on the main key.
    store.publish('g2', { price: '6' }, 'gray-1');
    store.grayRules.set(KEY, rules('10.0.0.9'));
    store.messages.set(2, KEY);
    const clientMessages = JSON.stringify({ details: { [KEY]: 2 } });
    expect((await configs.find({ ...request, ip: '10.0.0.9' }, clientMessages)).releaseKey).toBe('g2');
    await scanner.stop();
  });

  it('serves what it has when a client names a message that does not exist', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, scanner } = await readPath(store);
    const clientMessages = JSON.stringify({ details: { [KEY]: 99 } });
    expect((await configs.find(request, clientMessages)).releaseKey).toBe('r1');
    await scanner.stop();
  });
});
