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

describe('publish, refused', () => {
  it('writes nothing when refused: no release, no history, no message, the transaction undone', () =>
    withShop(
      async (admin) => {
        await set(admin, 'timeout', '100', 'ann');
        const undoneBefore = admin.database.transactions.rolledBack;
        await expect(admin.get(ReleasePublisher).publish(NS, {}, 'ann')).rejects.toMatchObject({
          code: 'FORBIDDEN',
          details: { editors: ['ann'] },
        });
        expect(admin.database.transactions.rolledBack).toBe(undoneBefore + 1);
        const ref = { appId: 'shop', clusterName: 'default', namespaceName: 'application' };
        expect(await admin.database.repos.releases.listAll(ref, 10)).toEqual([]);
        expect((await admin.database.repos.releaseHistories.listByNamespace(ref, 0, 10))[1]).toBe(0);
        expect(await admin.database.repos.releaseMessages.maxId()).toBe(0);
        expect(admin.announced).toEqual([]);
      },
      { governance: { namespaceLock: false, editorCannotRelease: true } },
    ));

  it('with separation of duties, a release clears the slate: the next edits are judged on their own', () =>
    withShop(
      async (admin) => {
        await set(admin, 'a', '1', 'ann');
        await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
        await set(admin, 'b', '2', 'bob');
        // ann's edit was released already: only bob's edit counts now.
        await expect(admin.get(ReleasePublisher).publish(NS, {}, 'ann')).resolves.toMatchObject({
          configurations: { a: '1', b: '2' },
        });
        await set(admin, 'c', '3', 'carol');
        await expect(admin.get(ReleasePublisher).publish(NS, {}, 'carol')).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
      },
      { governance: { namespaceLock: false, editorCannotRelease: true } },
    ));
});

describe('edit rules', () => {
  it('with the namespace lock on, only the holder may revoke, and revoking frees the namespace', () =>
    withShop(
      async (admin) => {
        const items = admin.get(ItemService);
        await set(admin, 'a', '1', 'ann');
        await admin.get(ReleasePublisher).publish(NS, {}, 'ann');
        await set(admin, 'a', '2', 'ann');
        await expect(items.revokeUnreleased(NS, 'bob')).rejects.toMatchObject({
          code: 'LOCKED',
          details: { lockedBy: 'ann' },
        });
        await items.revokeUnreleased(NS, 'ann');
        expect((await items.get(NS, 'a')).value).toBe('1');
        await expect(set(admin, 'a', '3', 'bob')).resolves.toMatchObject({ value: '3' });
      },
      { governance: { namespaceLock: true, editorCannotRelease: false } },
    ));

  it('with the namespace lock off, two editors edit side by side', () =>
    withShop(async (admin) => {
      await set(admin, 'a', '1', 'ann');
      await expect(set(admin, 'b', '2', 'bob')).resolves.toMatchObject({ key: 'b' });
      expect(await admin.database.repos.namespaceLocks.find(1)).toBeNull();
    }));

  it('refuses a delete naming an older version, and a text edit made on an older revision', () =>
    withShop(async (admin) => {
      const items = admin.get(ItemService);
      const first = await set(admin, 'timeout', '100');
      await set(admin, 'timeout', '200');
      await expect(items.delete(NS, 'timeout', 'ann', first.version)).rejects.toMatchObject({
        code: 'CONCURRENT_MODIFICATION',
      });
      const ref = { appId: 'shop', clusterName: 'default', namespaceName: 'application' };
      const revision = await admin.database.repos.commits.latestId(
        ref.appId,
        ref.clusterName,
        ref.namespaceName,
      );
      await items.replaceWithText(NS, 'timeout = 300\n', 'ann', revision);
      await expect(items.replaceWithText(NS, 'timeout = 400\n', 'bob', revision)).rejects.toMatchObject({
        code: 'CONCURRENT_MODIFICATION',
        details: { expectedRevision: revision },
      });
      expect((await items.get(NS, 'timeout')).value).toBe('300');
    }));

  it('a key is created once: a second create of the same key is refused', () =>
    withShop(async (admin) => {
      const items = admin.get(ItemService);
      await set(admin, 'timeout', '100');
      await expect(items.create(NS, { key: 'timeout', value: '1' }, 'bob')).rejects.toMatchObject({
        code: 'ALREADY_EXISTS',
      });
    }));

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

describe('gray releases', () => {
  it("a gray release goes to the branch only; main's clients keep the main release", () =>
    withShop(async (admin) => {
      const branches = admin.get(BranchService);
      await set(admin, 'timeout', '100');
      const main = await admin.get(ReleasePublisher).publish(NS, { title: 'main' }, 'ann');
      const branch = await branches.create(NS, 'ann');
      expect(branch).toMatchObject({ baseReleaseId: main.id, releaseId: 0 });
      const onBranch = { ...NS, cluster: branch.branchName };
      await admin.get(ItemService).update(onBranch, 'timeout', { value: '150' }, 'ann', true);

      const gray = await branches.publishGray(NS, branch.branchName, { title: 'gray' }, 'ann');
      expect(gray.configurations).toEqual({ timeout: '150' });
      expect((await admin.get(ReleaseQueryService).latest(NS)).id).toBe(main.id);
      expect(await branches.get(NS)).toMatchObject({ releaseId: gray.id });
      await expect(branches.create(NS, 'bob')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    }));

  it('a main namespace with a gray branch cannot be published through the branch address', () =>
    withShop(async (admin) => {
      await set(admin, 'timeout', '100');
      await admin.get(ReleasePublisher).publish(NS, {}, 'ann');
      const branch = await admin.get(BranchService).create(NS, 'ann');
      await expect(
        admin.get(ReleasePublisher).publish({ ...NS, cluster: branch.branchName }, {}, 'ann'),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    }));

  it('abandoning the branch sends gray clients back to main and leaves main as it was', () =>
    withShop(async (admin) => {
      const branches = admin.get(BranchService);
      await set(admin, 'timeout', '100');
      const main = await admin.get(ReleasePublisher).publish(NS, {}, 'ann');
      const branch = await branches.create(NS, 'ann');
      await admin
        .get(ItemService)
        .update({ ...NS, cluster: branch.branchName }, 'timeout', { value: '9' }, 'ann', true);
      await branches.publishGray(NS, branch.branchName, {}, 'ann');

      await branches.abandon(NS, branch.branchName, 'ann');
      await expect(branches.get(NS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await admin.get(ReleaseQueryService).latest(NS)).id).toBe(main.id);
      expect((await admin.get(ItemService).get(NS, 'timeout')).value).toBe('100');
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
      expect((await admin.get(ItemService).get(NS, 'timeout')).value).toBe('150');
      // Every step woke the clients of the main namespace's key.
      expect(new Set(admin.announced.map((message) => message.message))).toEqual(
        new Set(['shop+default+application']),
      );
    }));
});

describe('merge, keeping the branch', () => {
  it('merges main edits and branch edits together and rebases the branch on the new main release', () =>
    withShop(async (admin) => {
      const branches = admin.get(BranchService);
      await set(admin, 'timeout', '100');
      await set(admin, 'retries', '3');
      await admin.get(ReleasePublisher).publish(NS, {}, 'ann');
      const branch = await branches.create(NS, 'ann');
      await admin
        .get(ItemService)
        .update({ ...NS, cluster: branch.branchName }, 'timeout', { value: '150' }, 'ann', true);
      await set(admin, 'retries', '5'); // a main edit after the branch was made: merged, not lost

      const merged = await branches.merge(NS, branch.branchName, {}, false, 'ann');
      expect(merged.configurations).toEqual({ timeout: '150', retries: '5' });
      expect(await branches.get(NS)).toMatchObject({
        branchName: branch.branchName,
        baseReleaseId: merged.id,
      });
    }));

  it('a merge that fails midway leaves main and the branch as they were', () =>
    withShop(
      async (admin) => {
        const branches = admin.get(BranchService);
        await set(admin, 'timeout', '100', 'ann');
        await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
        const branch = await branches.create(NS, 'ann');
        await admin
          .get(ItemService)
          .update({ ...NS, cluster: branch.branchName }, 'timeout', { value: '150' }, 'ann', true);
        const releasesBefore = admin.announced.length;

        // The merge edits main as ann, and ann may then not release it: all of it is undone.
        await expect(branches.merge(NS, branch.branchName, {}, true, 'ann')).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        expect((await admin.get(ItemService).get(NS, 'timeout')).value).toBe('100');
        expect(await branches.get(NS)).toMatchObject({ branchName: branch.branchName });
        expect(admin.announced).toHaveLength(releasesBefore);
      },
      { governance: { namespaceLock: false, editorCannotRelease: true } },
    ));
});
