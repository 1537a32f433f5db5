import { isUniqueViolation, type RepositoryPorts, type UnitOfWork } from '@houston/persistence';

export interface ContractSubject {
  database: UnitOfWork;
  close(): Promise<void>;
}

const REF = { appId: 'shop', clusterName: 'default', namespaceName: 'application' };
const WHO = { createdBy: 'ann', lastModifiedBy: 'ann' };

async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

async function namespaceOf(repos: RepositoryPorts): Promise<number> {
  await repos.apps.insert({ appId: REF.appId, name: 'Shop', ...WHO });
  await repos.clusters.insert({ appId: REF.appId, name: REF.clusterName, ...WHO });
  await repos.appNamespaces.insert({ appId: REF.appId, name: REF.namespaceName, ...WHO });
  return (await repos.namespaces.insert({ ...REF, ...WHO })).id;
}

/**
 * What the admin-service's use cases rely on from the repositories, checked the same way on every
 * implementation: the TypeORM ones on SQLite and MariaDB, and the in-memory ones of the unit
 * tier. A behaviour the fake gets wrong fails here, not in a use-case test that trusts it.
 */
export function repositoryContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`repository contract: ${name}`, () => {
    let subject: ContractSubject;
    let repos: RepositoryPorts;
    let namespaceId: number;

    beforeEach(async () => {
      subject = await open();
      repos = subject.database.repos;
      namespaceId = await namespaceOf(repos);
    });
    afterEach(() => subject.close());

    it('fills column defaults, and soft deletion hides a row and frees its name', async () => {
      const cluster = await repos.clusters.insert({ appId: REF.appId, name: 'gray', ...WHO });
      expect(cluster).toMatchObject({ parentClusterId: 0, comment: '', isDeleted: false, deletedAt: 0 });
      expect((await repos.clusters.listByApp(REF.appId)).map((c) => c.name)).toEqual(['default', 'gray']);
      await repos.clusters.softDelete(cluster.id, 'bob');
      expect(await repos.clusters.find(REF.appId, 'gray')).toBeNull();
      const again = await repos.clusters.insert({ appId: REF.appId, name: 'gray', ...WHO });
      expect(again.id).toBeGreaterThan(cluster.id);
      expect(
        isUniqueViolation(await caught(repos.clusters.insert({ appId: REF.appId, name: 'gray', ...WHO }))),
      ).toBe(true);
    });

    it('finds a namespace definition by exact name first, then ignoring case', async () => {
      await repos.appNamespaces.insert({ appId: REF.appId, name: 'FX.apollo', isPublic: true, ...WHO });
      expect((await repos.appNamespaces.findByAppAndName(REF.appId, 'fx.apollo'))?.name).toBe('FX.apollo');
      expect((await repos.appNamespaces.findPublicByName('fx.APOLLO'))?.appId).toBe(REF.appId);
      expect(await repos.appNamespaces.findPublicByName('application')).toBeNull();
      expect(await repos.appNamespaces.findByAppAndName(REF.appId, 'missing')).toBeNull();
    });

    it('lists public namespace definitions by name, never private or deleted ones', async () => {
      await repos.appNamespaces.insert({ appId: REF.appId, name: 'zeta.db', isPublic: true, ...WHO });
      const alpha = await repos.appNamespaces.insert({
        appId: REF.appId,
        name: 'alpha.db',
        format: 'json',
        isPublic: true,
        ...WHO,
      });
      await repos.appNamespaces.insert({ appId: REF.appId, name: 'beta.db', isPublic: false, ...WHO });
      const gone = await repos.appNamespaces.insert({
        appId: REF.appId,
        name: 'gone.db',
        isPublic: true,
        ...WHO,
      });
      await repos.appNamespaces.softDelete(gone.id, 'bob');
      const listed = await repos.appNamespaces.listPublic();
      expect(listed.map((row) => row.name)).toEqual(['alpha.db', 'zeta.db']);
      expect(listed[0]).toMatchObject({ id: alpha.id, format: 'json', appId: REF.appId });
      expect((await repos.appNamespaces.listPublic(1)).map((row) => row.name)).toEqual(['alpha.db']);
    });

    it('items: versions guard writes, one live row per key, deleted and comment rows free', async () => {
      const [timeout, comment] = await repos.items.insertMany([
        { namespaceId, key: 'timeout', value: '100', lineNum: 1, ...WHO },
        { namespaceId, key: '', value: '', comment: '# note', lineNum: 2, ...WHO },
      ]);
      expect(timeout).toMatchObject({ version: 1, comment: '' });
      await repos.items.insertBatch([
        { namespaceId, key: '', value: '', comment: '# again', lineNum: 3, ...WHO },
      ]);
      expect(
        isUniqueViolation(
          await caught(repos.items.insertMany([{ namespaceId, key: 'timeout', value: '1', ...WHO }])),
        ),
      ).toBe(true);

      const changes = { value: '200', comment: '', lineNum: 1, lastModifiedBy: 'bob' };
      expect(await repos.items.updateIfVersion(timeout!.id, 1, changes)).toBe(true);
      expect(await repos.items.updateIfVersion(timeout!.id, 1, changes)).toBe(false);
      expect(await repos.items.findByKey(namespaceId, 'timeout')).toMatchObject({ value: '200', version: 2 });
      expect(
        await repos.items.rewriteBatch(
          [
            { id: timeout!.id, expectedVersion: 2, value: '300', comment: 'c', lineNum: 4 },
            { id: comment!.id, expectedVersion: 7, value: '', comment: '# x', lineNum: 5 },
          ],
          'bob',
        ),
      ).toBe(1);
      expect(await repos.items.listForEdit(namespaceId)).toEqual([
        { id: comment!.id, key: '', value: '', comment: '# note', lineNum: 2, version: 1 },
        expect.objectContaining({ key: '', comment: '# again', lineNum: 3, version: 1 }),
        { id: timeout!.id, key: 'timeout', value: '300', comment: 'c', lineNum: 4, version: 3 },
      ]);
      expect(await repos.items.countKeyed(namespaceId)).toBe(1);
      expect(await repos.items.search({ keyPrefix: 'time', limit: 10, secretPrefix: 'enc:' })).toEqual([
        { ...REF, key: 'timeout', value: '300' },
      ]);
      expect(await repos.items.search({ valueContains: '30', limit: 10, secretPrefix: 'enc:' })).toHaveLength(
        1,
      );
      expect(await repos.items.search({ keyPrefix: 'nope', limit: 10, secretPrefix: 'enc:' })).toEqual([]);
      expect(await repos.items.maxLineNum(namespaceId)).toBe(4);

      expect(await repos.items.softDeleteBatch([{ id: timeout!.id, expectedVersion: 2 }], 'bob')).toBe(0);
      expect(await repos.items.softDeleteIfVersion(timeout!.id, 3, 'bob')).toBe(true);
      expect(await repos.items.findByKey(namespaceId, 'timeout')).toBeNull();
      await repos.items.insertMany([{ namespaceId, key: 'timeout', value: 'new', ...WHO }]);
      expect((await repos.items.listByNamespace(namespaceId)).map((item) => item.key)).toEqual([
        'timeout',
        '',
        '',
      ]);
    });

    it('releases: the newest not abandoned is active; a rollback abandons the newer ones', async () => {
      const release = (key: string) =>
        repos.releases.insert({ ...REF, releaseKey: key, configurations: '{}', ...WHO });
      const r1 = await release('k1');
      const r2 = await release('k2');
      const r3 = await release('k3');
      expect(isUniqueViolation(await caught(release('k3')))).toBe(true);
      expect((await repos.releases.findLatestActive(REF))?.id).toBe(r3.id);
      expect((await repos.releases.listActiveNewerThan(REF, r1.id)).map((r) => r.id)).toEqual([r3.id, r2.id]);
      await repos.releases.abandon([r3.id, r2.id], 'bob');
      expect((await repos.releases.findLatestActive(REF))?.id).toBe(r1.id);
      expect(await repos.releases.latestActiveIds([REF, { ...REF, namespaceName: 'none' }])).toEqual([
        { ...REF, id: r1.id },
      ]);
      expect((await repos.releases.listAll(REF, 2)).map((r) => r.id)).toEqual([r3.id, r2.id]);
      expect((await repos.releases.listActive(REF, 10)).map((r) => r.id)).toEqual([r1.id]);
      expect((await repos.releases.findByReleaseKey('k2'))?.isAbandoned).toBe(true);
      expect((await repos.releases.findByIds([r1.id, r2.id])).map((r) => r.id).sort()).toEqual([
        r1.id,
        r2.id,
      ]);
      await repos.releases.softDeleteByNamespace(REF, 'bob');
      expect(await repos.releases.findLatestActive(REF)).toBeNull();
      expect(await repos.releases.releaseKeysEver(REF, 2)).toEqual(['k3', 'k2']);
    });

    it('history and commits: the newest release row of an operation, the authors since a commit', async () => {
      const history = (operation: number, releaseId: number, branchName = REF.clusterName) =>
        repos.releaseHistories.insert({
          ...REF,
          branchName,
          releaseId,
          operation,
          operationContext: '{}',
          ...WHO,
        });
      await history(0, 1);
      await history(1, 2);
      await history(0, 3, 'branch');
      expect((await repos.releaseHistories.findLatest(REF, 0))?.releaseId).toBe(1);
      expect((await repos.releaseHistories.findLatest(REF))?.releaseId).toBe(2);
      const [rows, total] = await repos.releaseHistories.listByNamespace(REF, 0, 2);
      expect({ ids: rows.map((row) => row.releaseId), total }).toEqual({ ids: [3, 2], total: 3 });

      const commit = (who: string) =>
        repos.commits.insert({ ...REF, changeSets: '{}', createdBy: who, lastModifiedBy: who });
      const first = await commit('ann');
      await commit('bob');
      await commit('bob');
      const { appId, clusterName, namespaceName } = REF;
      expect((await repos.commits.authorsAfter(appId, clusterName, namespaceName, first.id)).sort()).toEqual([
        'bob',
      ]);
      expect(await repos.commits.latestId(appId, clusterName, namespaceName)).toBe(first.id + 2);
      expect(await repos.commits.latestId(appId, clusterName, 'other')).toBe(0);
      expect(
        (await repos.commits.listByNamespace(appId, clusterName, namespaceName, 1, 2)).map((c) => c.id),
      ).toEqual([first.id]);
    });

    it('the namespace lock is taken once; schema versions count up', async () => {
      await repos.namespaceLocks.insert(namespaceId, 'ann');
      expect(isUniqueViolation(await caught(repos.namespaceLocks.insert(namespaceId, 'bob')))).toBe(true);
      expect(await repos.namespaceLocks.find(namespaceId)).toMatchObject({ holder: 'ann' });
      await repos.namespaceLocks.delete(namespaceId);
      expect(await repos.namespaceLocks.find(namespaceId)).toBeNull();

      const version = { appId: REF.appId, namespaceName: REF.namespaceName, comment: '', createdBy: 'ann' };
      await repos.namespaceSchemas.append({ ...version, definition: '{"type":"object"}' });
      await repos.namespaceSchemas.append({ ...version, definition: '' });
      expect(
        (await repos.namespaceSchemas.history(REF.appId, REF.namespaceName)).map((v) => v.version),
      ).toEqual([2, 1]);
      expect(await repos.namespaceSchemas.latest(REF.appId, REF.namespaceName)).toMatchObject({
        definition: '',
      });
    });

    it('gray rules: the active rules of a namespace, the newest rule of a branch', async () => {
      const rule = await repos.grayRules.insert({ ...REF, branchName: 'b1', rules: '[]', ...WHO });
      expect(rule).toMatchObject({ releaseId: 0, baseReleaseId: 0, branchStatus: 0 });
      await repos.grayRules.softDelete(rule.id, 'ann');
      const next = await repos.grayRules.insert({ ...REF, branchName: 'b1', rules: '[1]', ...WHO });
      await repos.grayRules.update(next.id, { releaseId: 7 });
      expect(await repos.grayRules.findByBranch(REF, 'b1')).toMatchObject({ id: next.id, releaseId: 7 });
      expect((await repos.grayRules.listActive(REF)).map((r) => r.id)).toEqual([next.id]);
      await repos.grayRules.update(next.id, { branchStatus: 2 });
      expect(await repos.grayRules.listActive(REF)).toEqual([]);
    });

    it('release messages: ids count up, the newest per message, older ones deleted', async () => {
      const a1 = await repos.releaseMessages.insert('a');
      const b1 = await repos.releaseMessages.insert('b');
      const a2 = await repos.releaseMessages.insert('a');
      expect([...(await repos.releaseMessages.latestIds(['a', 'c'])).entries()]).toEqual([['a', a2]]);
      expect((await repos.releaseMessages.findAfter(a1, 10)).map((m) => m.id)).toEqual([b1, a2]);
      expect(await repos.releaseMessages.deleteOlderThan('a', a2)).toBe(1);
      expect(await repos.releaseMessages.maxId()).toBe(a2);
      expect((await repos.releaseMessages.findByIds([a1, b1])).map((m) => m.message)).toEqual(['b']);
    });

    it('a transaction commits what its work wrote, and nothing when the work throws', async () => {
      await subject.database.transaction(async (tx) => {
        await tx.items.insertMany([{ namespaceId, key: 'kept', value: '1', ...WHO }]);
        // Its own writes are visible to it before the commit.
        expect(await tx.items.findByKey(namespaceId, 'kept')).not.toBeNull();
      });
      const failure = new Error('refused');
      await expect(
        subject.database.transaction(async (tx) => {
          await tx.items.insertMany([{ namespaceId, key: 'dropped', value: '1', ...WHO }]);
          await tx.audits.record('Item', 1, 'INSERT', 'ann');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await repos.items.listByNamespace(namespaceId)).map((item) => item.key)).toEqual(['kept']);
      expect(await repos.audits.listByEntity('Item', 1)).toEqual([]);
    });

    it('rollouts: the active one of a namespace, versions counted up; client reports upserted per release', async () => {
      const rollout = await repos.rollouts.insert({
        ...REF,
        branchName: 'b1',
        status: 'running',
        plan: '{}',
        stepStartedAt: new Date(),
      });
      expect(rollout).toMatchObject({ version: 0, stepIndex: 0, reason: '' });
      expect((await repos.rollouts.findActive(REF))?.id).toBe(rollout.id);
      const paused = await repos.rollouts.update(rollout, { status: 'paused' });
      expect(paused.version).toBe(1);
      expect(await repos.rollouts.findById(rollout.id)).toMatchObject({ status: 'paused', version: 1 });
      expect(await repos.rollouts.listRunning(10)).toEqual([]);
      expect((await repos.rollouts.findActiveByBranch(REF.appId, 'b1'))?.id).toBe(rollout.id);
      await repos.rollouts.update(paused, { status: 'merged' });
      expect(await repos.rollouts.findActive(REF)).toBeNull();
      await repos.rollouts.addEvent({
        rolloutId: rollout.id,
        kind: 'paused',
        stepIndex: 0,
        operator: 'ann',
        detail: 'x',
      });
      expect((await repos.rollouts.listEvents(rollout.id)).map((event) => event.kind)).toEqual(['paused']);

      const report = (status: string, at: number) => ({
        appId: REF.appId,
        clusterName: 'default',
        dataCenter: '',
        ip: '10.0.0.1',
        namespaceName: REF.namespaceName,
        releaseKey: 'k1',
        status,
        message: '',
        reportedAt: new Date(at),
      });
      await repos.clientReports.upsertBatch([report('rejected', 1_000)]);
      expect(await repos.clientReports.countFailing(['k1'])).toBe(1);
      await repos.clientReports.upsertBatch([report('applied', 2_000)]);
      expect(await repos.clientReports.countFailing(['k1'])).toBe(0);
      expect(await repos.clientReports.deleteOlderThan(new Date(3_000), 10)).toBe(1);
      // Bounded by count too: the newest rows stay.
      await repos.clientReports.upsertBatch(
        ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip) => ({ ...report('applied', 4_000), ip })),
      );
      expect(await repos.clientReports.deleteBeyond(5, 10)).toBe(0);
      expect(await repos.clientReports.deleteBeyond(1, 10)).toBe(2);
      await repos.clientReports.upsertBatch([{ ...report('rejected', 5_000), ip: '10.0.0.4' }]);
      expect(await repos.clientReports.countFailing(['k1'])).toBe(1);
      expect(await repos.clientReports.deleteBeyond(1, 10)).toBe(1);
      expect(await repos.clientReports.countFailing(['k1'])).toBe(1);
      // A statement drops at most a batch, the oldest first; the newest rows stay.
      await repos.clientReports.upsertBatch(
        ['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.5'].map((ip) => ({
          ...report('applied', 6_000),
          ip,
        })),
      );
      // Six rows, four beyond the newest two: the rejected one (the oldest) goes in the first batch.
      expect(await repos.clientReports.deleteBeyond(2, 2)).toBe(2);
      expect(await repos.clientReports.countFailing(['k1'])).toBe(0);
      expect(await repos.clientReports.deleteBeyond(2, 2)).toBe(2);
      expect(await repos.clientReports.deleteBeyond(2, 2)).toBe(0);
      // Past the retention time likewise: a batch per statement, the newer rows untouched.
      await repos.clientReports.upsertBatch(
        ['10.0.2.1', '10.0.2.2', '10.0.2.3'].map((ip) => ({ ...report('applied', 7_000), ip })),
      );
      expect(await repos.clientReports.deleteOlderThan(new Date(7_000), 1)).toBe(1);
      expect(await repos.clientReports.deleteOlderThan(new Date(7_000), 1)).toBe(1);
      expect(await repos.clientReports.deleteOlderThan(new Date(7_000), 1)).toBe(0);
      expect(await repos.clientReports.deleteBeyond(0, 10)).toBe(3);
    });

    it('access keys: only enabled live keys sign, with their mode', async () => {
      const key = await repos.accessKeys.insert({ appId: REF.appId, secret: 's1', ...WHO });
      expect(key).toMatchObject({ isEnabled: false, mode: 0 });
      expect(await repos.accessKeys.enabledKeys(REF.appId)).toEqual([]);
      await repos.accessKeys.setEnabled(key.id, true, 'ann', 1);
      expect(await repos.accessKeys.enabledKeys(REF.appId)).toEqual([{ secret: 's1', mode: 1 }]);
      await repos.accessKeys.softDelete(key.id, 'ann');
      expect(await repos.accessKeys.findById(REF.appId, key.id)).toBeNull();
    });
    it('webhooks: validate and notify hooks kept apart; a notify hook found by app or namespace', async () => {
      const hook = {
        appId: REF.appId,
        url: 'http://127.0.0.1:1/h',
        secret: 's',
        timeoutMs: 1000,
        failOpen: false,
        createdBy: 'ann',
      };
      const validate = await repos.releaseWebhooks.insert({ ...hook, namespaceName: '' });
      const notify = await repos.releaseWebhooks.insert({
        ...hook,
        namespaceName: REF.namespaceName,
        kind: 'notify',
        events: 'release,rollback',
      });
      expect(validate).toMatchObject({ kind: 'validate', events: '' });
      expect((await repos.releaseWebhooks.list(REF.appId)).map((h) => h.id)).toEqual([validate.id]);
      expect((await repos.releaseWebhooks.list(REF.appId, 'notify')).map((h) => h.id)).toEqual([notify.id]);
      expect(
        (await repos.releaseWebhooks.forRelease(REF.appId, REF.namespaceName, 'notify')).map((h) => h.id),
      ).toEqual([notify.id]);
      expect(await repos.releaseWebhooks.forRelease(REF.appId, 'other', 'notify')).toEqual([]);
      expect(await repos.releaseWebhooks.delete(REF.appId, notify.id)).toBe(false);
      expect(await repos.releaseWebhooks.delete(REF.appId, notify.id, 'notify')).toBe(true);
    });

    it('webhook deliveries: one claim wins, an expired lease is claimed again, only the holder settles', async () => {
      const row = { webhookId: 1, appId: REF.appId, namespaceName: REF.namespaceName, event: 'release' };
      await repos.webhookDeliveries.insert([
        { ...row, payload: '{"n":1}', nextAttemptAt: 1_000 },
        { ...row, payload: '{"n":2}', nextAttemptAt: 5_000 },
      ]);
      expect(await repos.webhookDeliveries.listDue(2_000, 10, [1])).toEqual([]);
      const due = await repos.webhookDeliveries.listDue(2_000, 10, [7]);
      expect(due.map((d) => [d.payload, d.status, d.attempts])).toEqual([['{"n":1}', 'pending', 0]]);
      const first = await repos.webhookDeliveries.claim(due[0]!, 'token-a', 3_000);
      expect(first).toMatchObject({ status: 'delivering', attempts: 1, leaseToken: 'token-a' });
      // A second admin-service that read the same row before the claim gets nothing.
      expect(await repos.webhookDeliveries.claim(due[0]!, 'token-b', 3_000)).toBeNull();
      expect(await repos.webhookDeliveries.listDue(2_500, 10)).toEqual([]);

      // The holder died: after its lease the row is due again and claimed anew, the attempt counted.
      const lapsed = await repos.webhookDeliveries.listDue(3_001, 10);
      expect(lapsed.map((d) => [d.payload, d.status])).toEqual([['{"n":1}', 'delivering']]);
      const second = await repos.webhookDeliveries.claim(lapsed[0]!, 'token-c', 9_000);
      expect(second).toMatchObject({ attempts: 2, leaseToken: 'token-c' });
      const settlement = {
        status: 'pending' as const,
        nextAttemptAt: 20_000,
        lastStatus: 500,
        lastError: 'HTTP 500',
        lastAttemptAt: 4_000,
      };
      expect(await repos.webhookDeliveries.settle(first!.id, 'token-a', settlement)).toBe(false);
      expect(await repos.webhookDeliveries.settle(first!.id, 'token-c', settlement)).toBe(true);
      const stored = await repos.webhookDeliveries.findById(REF.appId, first!.id);
      expect(stored).toMatchObject({
        status: 'pending',
        attempts: 2,
        nextAttemptAt: 20_000,
        lastStatus: 500,
        lastError: 'HTTP 500',
        leaseUntil: 0,
      });
      expect(await repos.webhookDeliveries.findById('other', first!.id)).toBeNull();

      // Failed: listed by status, made due again by a redelivery (a pending one cannot be).
      const again = await repos.webhookDeliveries.claim(stored!, 'token-d', 30_000);
      await repos.webhookDeliveries.settle(again!.id, 'token-d', {
        ...settlement,
        status: 'failed',
        nextAttemptAt: undefined,
      });
      const failed = await repos.webhookDeliveries.list(REF.appId, { status: 'failed' }, 10);
      expect(failed.map((d) => [d.id, d.attempts])).toEqual([[first!.id, 3]]);
      expect(await repos.webhookDeliveries.count(REF.appId, { status: 'failed' })).toBe(1);
      expect(await repos.webhookDeliveries.count(REF.appId, {})).toBe(2);
      expect(await repos.webhookDeliveries.count(REF.appId, { webhookId: 7 })).toBe(0);
      expect(await repos.webhookDeliveries.count('other', {})).toBe(0);
      expect(await repos.webhookDeliveries.redeliver(REF.appId, first!.id + 1, 40_000)).toBe(false);
      expect(await repos.webhookDeliveries.redeliver(REF.appId, first!.id, 40_000)).toBe(true);
      expect(await repos.webhookDeliveries.findById(REF.appId, first!.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 40_000,
      });
      expect((await repos.webhookDeliveries.list(REF.appId, {}, 10)).map((d) => d.payload)).toEqual([
        '{"n":2}',
        '{"n":1}',
      ]);
      expect(
        (await repos.webhookDeliveries.list(REF.appId, { beforeId: first!.id + 1 }, 10)).map((d) => d.id),
      ).toEqual([first!.id]);

      await repos.webhookDeliveries.abandonForWebhook(1, 50_000);
      expect(
        (await repos.webhookDeliveries.list(REF.appId, { status: 'failed' }, 10)).map((d) => d.lastError),
      ).toEqual(['the webhook was deleted', 'the webhook was deleted']);
    });
  });
}
