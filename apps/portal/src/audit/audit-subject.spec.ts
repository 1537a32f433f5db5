import { auditSubjectOf, auditValueText, AUDIT_VALUE_MAX_CHARS } from './audit-subject';

const NS = '/api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace';
const params = { env: 'DEV', appId: 'shop', cluster: 'default', namespace: 'application' };

describe('audit subjects', () => {
  it('names items and reads them from the admin-service, the key from the path or a created body', () => {
    expect(auditSubjectOf(`${NS}/items/:key`, 'PUT', { ...params, key: 'a b' }, {})).toEqual({
      entity: 'item shop/default/application a b',
      snapshot: '/apps/shop/clusters/default/namespaces/application/items/a%20b',
    });
    expect(auditSubjectOf(`${NS}/items`, 'POST', params, { key: 'k', value: 'v' }).entity).toBe(
      'item shop/default/application k',
    );
    expect(auditSubjectOf(`${NS}/items`, 'PUT', params, { configText: 'k=v' })).toEqual({
      entity: 'items shop/default/application',
      snapshot: '/apps/shop/clusters/default/namespaces/application/items',
    });
  });

  it('names a rollout, read back from the admin-service once it has an id', () => {
    expect(auditSubjectOf(`${NS}/rollouts`, 'POST', params, { steps: [] })).toEqual({
      entity: 'rollout shop/default/application',
    });
    expect(auditSubjectOf(`${NS}/rollouts/:id/advance`, 'POST', { ...params, id: '7' }, {})).toEqual({
      entity: 'rollout shop/default/application 7',
      snapshot: '/apps/shop/clusters/default/namespaces/application/rollouts/7',
    });
  });

  it("reads a branch's items under the branch, and releases as the namespace's latest release", () => {
    expect(
      auditSubjectOf(
        `${NS}/branches/:branch/items/:key`,
        'DELETE',
        { ...params, branch: 'gray1', key: 'k' },
        undefined,
      ),
    ).toEqual({
      entity: 'item shop/gray1/application k',
      snapshot: '/apps/shop/clusters/gray1/namespaces/application/items/k',
    });
    for (const route of [
      `${NS}/releases`,
      `${NS}/releases/:releaseId/rollback`,
      `${NS}/review-requests/:id/approve`,
    ]) {
      expect(auditSubjectOf(route, 'POST', params, {}).snapshot).toBe(
        '/apps/shop/clusters/default/namespaces/application/releases/latest',
      );
    }
  });

  it('names other writes by their route and parameters, without a snapshot', () => {
    expect(
      auditSubjectOf(
        '/api/envs/:env/apps/:appId/accesskeys/:id/enable',
        'PUT',
        { env: 'DEV', appId: 'shop', id: '3' },
        {},
      ),
    ).toEqual({ entity: 'enable shop/3' });
    expect(auditSubjectOf('/api/users', 'POST', {}, {})).toEqual({ entity: 'users' });
  });

  it('never keeps secrets, and bounds what it keeps', () => {
    expect(auditValueText({ id: 1, secret: 'abc' })).toBe('{"id":1}');
    expect(auditValueText([{ id: 1, secret: 'abc' }])).toBe('[{"id":1}]');
    // Configuration keys are not field names: a key called `password` is kept.
    expect(auditValueText({ configurations: { password: 'p' } })).toBe('{"configurations":{"password":"p"}}');
    expect(auditValueText(undefined)).toBeNull();
    expect(JSON.parse(auditValueText({ value: 'x'.repeat(AUDIT_VALUE_MAX_CHARS) })!)).toMatchObject({
      truncated: true,
    });
  });
});
