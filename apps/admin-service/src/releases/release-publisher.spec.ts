import { AppService } from '../apps/app.service';
import { BranchService } from '../branches/branch.service';
import { ItemService } from '../items/item.service';
import { inMemoryAdmin, type InMemoryAdmin } from '../test-support/in-memory-admin';
import { ReleasePublisher } from './release-publisher';
import { ReleaseQueryService } from './release-query.service';

const NS = { appId: 'shop', cluster: 'default', namespace: 'application' };

/** Each case gets its own in-memory admin-service with app `shop`: cases share nothing. */
async function withShop(
  run: (admin: InMemoryAdmin) => Promise<void>,
  options: Parameters<typeof inMemoryAdmin>[0] = {},
) {
  const admin = await inMemoryAdmin(options);
  try {
    await admin.get(AppService).create({ appId: 'shop', name: 'Shop' }, 'ann');
    await run(admin);
  } finally {
    await admin.close();
  }
}

const set = (admin: InMemoryAdmin, key: string, value: string, operator = 'ann') =>
  admin.get(ItemService).update(NS, key, { value }, operator, true);

describe('publish', () => {
  it('snapshots the items, records the history and announces on the key clients watch', () =>
    withShop(async (admin) => {
      await set(admin, 'timeout', '100');
      const release = await admin.get(ReleasePublisher).publish(NS, { title: 'first' }, 'ann');
      expect(release).toMatchObject({
        name: 'first',
        configurations: { timeout: '100' },
        isAbandoned: false,
      });

      await set(admin, 'timeout', '200'); // after the release: not in it
      expect((await admin.get(ReleaseQueryService).latest(NS)).configurations).toEqual({ timeout: '100' });
      const history = await admin.get(ReleaseQueryService).histories(NS, 0, 10);
      expect(history.content.map((row) => [row.releaseId, row.operation])).toEqual([[release.id, 0]]);
      expect(admin.announced.map((message) => message.message)).toEqual(['shop+default+application']);
    }));

  it('with separation of duties, refuses the editor and lets someone else release', () =>
    withShop(
      async (admin) => {
        await set(admin, 'timeout', '100', 'ann');
        await expect(admin.get(ReleasePublisher).publish(NS, {}, 'ann')).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        await expect(admin.get(ReleasePublisher).publish(NS, {}, 'bob')).resolves.toMatchObject({
          configurations: { timeout: '100' },
        });
        expect(admin.announced).toHaveLength(1);
      },
      { governance: { namespaceLock: false, editorCannotRelease: true } },
    ));
});

describe('edit rules', () => {
  it('with the namespace lock on, the first editor holds the namespace until a release', () =>
    withShop(
      async (admin) => {
        await set(admin, 'a', '1', 'ann');
        await expect(set(admin, 'b', '2', 'bob')).rejects.toMatchObject({
          code: 'LOCKED',
          details: { lockedBy: 'ann' },
        });
        await set(admin, 'b', '2', 'ann');
        await admin.get(ReleasePublisher).publish(NS, {}, 'carol');
        await expect(set(admin, 'c', '3', 'bob')).resolves.toMatchObject({ key: 'c' });
      },
      { governance: { namespaceLock: true, editorCannotRelease: false } },
    ));

  it('refuses an update naming an older version, and a PUT of a missing key without createIfNotExists', () =>
    withShop(async (admin) => {
      const items = admin.get(ItemService);
      const first = await set(admin, 'timeout', '100');
      await items.update(NS, 'timeout', { value: '200', version: first.version }, 'ann');
      await expect(
        items.update(NS, 'timeout', { value: '300', version: first.version }, 'bob'),
      ).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
      await expect(items.update(NS, 'missing', { value: '1' }, 'ann')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }));
});

describe('rollback', () => {
  it('abandons the active release: clients get the previous one, the items stay as they are', () =>
    withShop(async (admin) => {
      const publisher = admin.get(ReleasePublisher);
      await set(admin, 'timeout', '100');
      const first = await publisher.publish(NS, { title: 'r1' }, 'ann');
      await set(admin, 'timeout', '200');
      const second = await publisher.publish(NS, { title: 'r2' }, 'ann');

      const now = await publisher.rollback(second.id, 'ann');
      expect(now.id).toBe(first.id);
      expect((await admin.get(ReleaseQueryService).latest(NS)).configurations).toEqual({ timeout: '100' });
      expect((await admin.get(ItemService).get(NS, 'timeout')).value).toBe('200');
      expect(admin.announced).toHaveLength(3);
      // Only the active release can be rolled back.
      await expect(publisher.rollback(second.id, 'ann')).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { releaseId: second.id, activeReleaseId: first.id },
      });
    }));
});

describe('merge', () => {
  it("applies the branch's changes to the main namespace, releases it and deletes the branch", () =>
    withShop(async (admin) => {
      const branches = admin.get(BranchService);
      await set(admin, 'timeout', '100');
      await set(admin, 'retries', '3');
      await admin.get(ReleasePublisher).publish(NS, { title: 'main' }, 'ann');
      const branch = await branches.create(NS, 'ann');
      const onBranch = { ...NS, cluster: branch.branchName };
      await admin.get(ItemService).update(onBranch, 'timeout', { value: '150' }, 'ann', true);
      await branches.publishGray(NS, branch.branchName, { title: 'gray' }, 'ann');

      const merged = await branches.merge(NS, branch.branchName, { title: 'ship' }, true, 'ann');
      expect(merged.configurations).toEqual({ timeout: '150', retries: '3' });
      expect((await admin.get(ReleaseQueryService).latest(NS)).id).toBe(merged.id);
      await expect(branches.get(NS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // Every step woke the clients of the main namespace's key.
      expect(new Set(admin.announced.map((message) => message.message))).toEqual(
        new Set(['shop+default+application']),
      );
    }));
});
