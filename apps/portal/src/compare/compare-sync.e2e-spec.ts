import type { PortalClient } from '../test-support/portal-client';
import { TEST_ADMIN } from '../test-support/portal-test-server';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from '../test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const ns = (env: string, cluster = 'default') =>
  `/api/envs/${env}/apps/shop/clusters/${cluster}/namespaces/application`;

describe('compare and sync across clusters and environments, over HTTP', () => {
  let fixture: TwoEnvironmentPortal;
  let admin: PortalClient;
  let as: Record<string, PortalClient> = {};

  async function texts() {
    const read = async (env: string, cluster?: string) => (await admin.get(ns(env, cluster))).body.configText;
    return { dev: await read('DEV'), sh: await read('DEV', 'sh'), pro: await read('PRO') };
  }

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      portal: { HOUSTON_PORTAL_ENV_TIMEOUT: '2s', HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO' },
      users: ['ed', 'nobody'],
      apps: [{ appId: 'shop', name: 'Shop' }],
    });
    ({ admin, as } = fixture);
    expect((await admin.post('/api/envs/DEV/apps/shop/clusters', { name: 'sh' })).status).toBe(201);
    const text = (env: string, configText: string, cluster?: string) =>
      admin.put(`${ns(env, cluster)}/items`, { configText });
    expect((await text('DEV', '# shop\na = 1\nb = 2\nc = 3')).status).toBe(200);
    expect((await text('DEV', 'keep = mine', 'sh')).status).toBe(200);
    expect((await text('PRO', 'b = 2\nc = x\nd = 4')).status).toBe(200);
    // ed edits the namespace in DEV only.
    const grant = { username: 'ed', role: 'ModifyNamespace', namespace: 'application', env: 'DEV' };
    expect((await admin.post('/api/apps/shop/roles', grant)).status).toBe(201);
  });
  afterAll(() => fixture?.stop());

  it('compares with another cluster and another environment, each target with its own status', async () => {
    const answer = await admin.get(`${ns('DEV')}/compare?targets=DEV:sh,PRO:default,OFF:default`);
    expect(answer.status).toBe(200);
    expect(answer.body.source).toEqual({ env: 'DEV', cluster: 'default', status: 'ok' });
    const [sh, pro, off] = answer.body.targets;
    expect(sh).toMatchObject({ env: 'DEV', cluster: 'sh', status: 'ok', valuesHidden: false });
    expect(sh.counts).toEqual({ 'only-in-source': 3, 'only-in-target': 1 });
    expect(pro).toMatchObject({ env: 'PRO', cluster: 'default', status: 'ok', valuesHidden: false });
    expect(pro.entries).toEqual([
      { key: 'a', status: 'only-in-source', sourceValue: '1' },
      { key: 'b', status: 'same', sourceValue: '2', targetValue: '2' },
      { key: 'c', status: 'different', sourceValue: '3', targetValue: 'x' },
      { key: 'd', status: 'only-in-target', targetValue: '4' },
    ]);
    // The environment that cannot be reached says so, and does not fail the others.
    expect(off).toMatchObject({ env: 'OFF', cluster: 'default', status: 'unreachable' });
    expect(off.reason).toMatch(/OFF is unreachable/);
    expect(off.entries).toBeUndefined();
  });

  it('says when the namespace is not in a target cluster', async () => {
    const answer = await admin.get(`${ns('DEV')}/compare?targets=DEV:nowhere`);
    expect(answer.body.targets[0]).toMatchObject({ env: 'DEV', cluster: 'nowhere', status: 'not-found' });
  });

  it('refuses targets it cannot read as a list of ENV:cluster', async () => {
    expect((await admin.get(`${ns('DEV')}/compare`)).status).toBe(400);
    expect((await admin.get(`${ns('DEV')}/compare?targets=PRO`)).status).toBe(400);
    expect((await admin.get(`${ns('DEV')}/compare?targets=NOPE:default`)).status).toBe(404);
  });

  it('shows a non-member no value of a member-only environment, and does not compare them', async () => {
    const answer = await as['nobody']!.get(`${ns('DEV')}/compare?targets=PRO:default`);
    expect(answer.status).toBe(200);
    const [pro] = answer.body.targets;
    expect(pro.valuesHidden).toBe(true);
    expect(pro.entries).toEqual([
      { key: 'a', status: 'only-in-source' },
      { key: 'b', status: 'in-both' },
      { key: 'c', status: 'in-both' },
      { key: 'd', status: 'only-in-target' },
    ]);
  });

  it('refuses a sync to any target the user may not modify, and writes nowhere', async () => {
    const before = await texts();
    const answer = await as['ed']!.post(`${ns('DEV')}/sync`, {
      targets: [
        { env: 'DEV', cluster: 'sh' },
        { env: 'PRO', cluster: 'default' },
      ],
      keys: ['a'],
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/PRO\/default/);
    expect(await texts()).toEqual(before);
    expect(
      (
        await as['nobody']!.post(`${ns('DEV')}/sync`, {
          targets: [{ env: 'DEV', cluster: 'sh' }],
          keys: ['a'],
        })
      ).status,
    ).toBe(403);
  });

  it('syncs chosen keys to a cluster and an environment: created, updated, deleted there, not released', async () => {
    const answer = await admin.post(`${ns('DEV')}/sync`, {
      targets: [
        { env: 'DEV', cluster: 'sh' },
        { env: 'PRO', cluster: 'default' },
        { env: 'OFF', cluster: 'default' },
      ],
      keys: ['a', 'c', 'd'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { env: 'DEV', cluster: 'sh', status: 'synced', created: ['a', 'c'], updated: [], deleted: [] },
      { env: 'PRO', cluster: 'default', status: 'synced', created: ['a'], updated: ['c'], deleted: ['d'] },
      expect.objectContaining({ env: 'OFF', cluster: 'default', status: 'unreachable' }),
    ]);
    const { sh, pro } = await texts();
    expect(sh).toBe('keep = mine\na = 1\nc = 3');
    expect(pro).toBe('b = 2\nc = 3\na = 1');
    const compared = await admin.get(`${ns('DEV')}/compare?targets=PRO:default`);
    expect(compared.body.targets[0].counts).toEqual({ same: 3 });
    // Synced, not published: PRO has no release of it yet.
    expect((await admin.get(`${ns('PRO')}/releases/latest`)).status).not.toBe(200);
    // The admin-service recorded the portal user as the one who changed it.
    const commits = await admin.get(`${ns('PRO')}/commits`);
    expect(JSON.stringify(commits.body)).toContain(TEST_ADMIN.username);
  });

  it('a second sync of the same keys changes nothing', async () => {
    const answer = await admin.post(`${ns('DEV')}/sync`, {
      targets: [{ env: 'PRO', cluster: 'default' }],
      keys: ['a', 'c'],
    });
    expect(answer.body).toEqual([
      { env: 'PRO', cluster: 'default', status: 'unchanged', created: [], updated: [], deleted: [] },
    ]);
  });

  it('syncs between environments for someone who may modify there', async () => {
    // ed may modify DEV only: a sync from PRO into DEV is theirs to make.
    await admin.put(`${ns('PRO')}/items`, { configText: 'b = 2\nc = 3\na = 1\nfrom-pro = yes' });
    const answer = await as['ed']!.post(`${ns('PRO')}/sync`, {
      targets: [{ env: 'dev', cluster: 'default' }],
      keys: ['from-pro'],
    });
    // ed is a member of shop (holds a role), so PRO's values are theirs to read.
    expect(answer.status).toBe(200);
    expect(answer.body[0]).toMatchObject({ env: 'DEV', status: 'synced', created: ['from-pro'] });
  });

  it('refuses the source as its own target and requests without keys', async () => {
    expect(
      (await admin.post(`${ns('DEV')}/sync`, { targets: [{ env: 'dev', cluster: 'default' }], keys: ['a'] }))
        .status,
    ).toBe(400);
    expect(
      (await admin.post(`${ns('DEV')}/sync`, { targets: [{ env: 'PRO', cluster: 'default' }], keys: [] }))
        .status,
    ).toBe(400);
  });

  it('carries the source item’s comment with a value it creates or updates, as Apollo, and shows both in the compare', async () => {
    const item = (env: string, cluster: string, key: string, value: string, comment: string) =>
      admin.post(`${ns(env, cluster)}/items`, { key, value, comment });
    expect((await item('DEV', 'default', 'note.x', '1', 'made in DEV')).status).toBe(201);
    expect((await item('DEV', 'default', 'note.y', '2', 'the new comment')).status).toBe(201);
    expect((await item('DEV', 'default', 'note.z', 'same', 'DEV says')).status).toBe(201);
    expect((await item('DEV', 'sh', 'note.y', 'old', 'the old comment')).status).toBe(201);
    expect((await item('DEV', 'sh', 'note.z', 'same', 'sh says')).status).toBe(201);

    const compared = await admin.get(`${ns('DEV')}/compare?targets=DEV:sh`);
    const entry = (key: string) =>
      compared.body.targets[0].entries.find((e: { key: string }) => e.key === key);
    expect(entry('note.z')).toEqual({
      key: 'note.z',
      status: 'same',
      sourceValue: 'same',
      targetValue: 'same',
      sourceComment: 'DEV says',
      targetComment: 'sh says',
    });
    expect(entry('note.x')).toMatchObject({ status: 'only-in-source', sourceComment: 'made in DEV' });

    const answer = await admin.post(`${ns('DEV')}/sync`, {
      targets: [{ env: 'DEV', cluster: 'sh' }],
      keys: ['note.x', 'note.y', 'note.z'],
    });
    expect(answer.body).toEqual([
      { env: 'DEV', cluster: 'sh', status: 'synced', created: ['note.x'], updated: ['note.y'], deleted: [] },
    ]);
    const comment = async (key: string) => (await admin.get(`${ns('DEV', 'sh')}/items/${key}`)).body.comment;
    expect(await comment('note.x')).toBe('made in DEV');
    expect(await comment('note.y')).toBe('the new comment');
    // Equal values: nothing to sync, and the target keeps its own comment.
    expect(await comment('note.z')).toBe('sh says');
  });
});
