import { messageKey } from '@houston/domain';
import { GrayRuleCache, type ActiveGrayRule } from '../gray/gray-rule-cache';
import { AppNamespaceLookup } from '../namespaces/app-namespace-lookup';
import { CanonicalNames } from '../namespaces/canonical-names';
import { NotificationIndex } from '../release-messages/notification-index';
import { ReleaseCache } from '../releases/release-cache';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import { ConfigAssembler, type ConfigRequest } from './config-assembler';
import { ConfigQueryService } from './config-query.service';

const KEY = messageKey('shop', 'default', 'application');

/** The database as the read path sees it: releases and gray rules by key, with a count of loads. */
class FakeStore {
  releases = new Map<string, ReleaseSnapshot>();
  grayRules = new Map<string, ActiveGrayRule[]>();
  releaseLoads = 0;

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

function readPath(store: FakeStore) {
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
  const gray = new GrayRuleCache({
    load: (appId, cluster, namespace) =>
      Promise.resolve(store.grayRules.get(messageKey(appId, cluster, namespace)) ?? []),
  });
  const index = new NotificationIndex();
  const configs = new ConfigQueryService(
    new ConfigAssembler(releases, namespaces, gray, new CanonicalNames(storedAsAsked, 10_000)),
    releases,
    index,
    10_000,
  );
  /** What the module does for every release message, in its order. */
  const message = (key: string, id: number) => {
    index.record({ message: key, id });
    releases.invalidate(key);
    gray.invalidate(key);
    configs.forget(key);
  };
  return { configs, message };
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
    const { configs } = readPath(store);
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
    const { configs, message } = readPath(store);
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
    const { configs, message } = readPath(store);
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
    const { configs, message } = readPath(store);
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
    const { configs } = readPath(store);
    expect((await configs.find(request)).releaseKey).toBe('r1');
    expect(configs.cached(request)).toBeUndefined();
    expect((await configs.find({ ...request, ip: '10.0.0.9' })).releaseKey).toBe('g1');
  });

  it('reloads when the client has heard of a newer release than this instance', async () => {
    const store = new FakeStore();
    store.publish('r1', { price: '7' });
    const { configs, message } = readPath(store);
    message(KEY, 1);
    await configs.find(request);

    // Another instance woke the client with message 2; this one has not scanned it yet.
    store.publish('r2', { price: '8' });
    const clientMessages = JSON.stringify({ details: { [KEY]: 2 } });
    expect(configs.cached(request, clientMessages)).toBeUndefined();
    expect((await configs.find(request, clientMessages)).releaseKey).toBe('r2');
  });
});
