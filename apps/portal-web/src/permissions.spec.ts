import type { Grant, MyPermissions } from './api/types';
import { mayModify, mayRelease, mayReveal } from './permissions';

const scope = { env: 'DEV', cluster: 'default', namespace: 'application' };
const holding = (...grants: Grant[]): MyPermissions => ({
  isSuperAdmin: false,
  isMaster: false,
  isMember: true,
  grants,
});
const grant = (role: Grant['role'], env = '', clusterName = '', namespaceName = ''): Grant => ({
  role,
  env,
  clusterName,
  namespaceName,
});

describe('which buttons the console shows', () => {
  it('shows nothing to a user without roles, and everything to a super administrator', () => {
    expect(mayModify(holding(), scope)).toBe(false);
    expect(mayRelease(undefined, scope)).toBe(false);
    expect(mayModify({ ...holding(), isSuperAdmin: true }, scope)).toBe(true);
  });

  it('does not let an app master edit by being master (as Apollo)', () => {
    expect(mayModify({ ...holding(grant('Master')), isMaster: true }, scope)).toBe(false);
  });

  it('follows namespace roles, in every environment or the one named', () => {
    expect(mayModify(holding(grant('ModifyNamespace', '', '', 'application')), scope)).toBe(true);
    expect(mayModify(holding(grant('ModifyNamespace', 'PRO', '', 'application')), scope)).toBe(false);
    expect(mayModify(holding(grant('ModifyNamespace', 'DEV', '', 'other')), scope)).toBe(false);
    expect(mayRelease(holding(grant('ModifyNamespace', '', '', 'application')), scope)).toBe(false);
    expect(mayRelease(holding(grant('ReleaseNamespace', 'DEV', '', 'application')), scope)).toBe(true);
  });

  it('shows Reveal only to holders of the reveal role on the namespace (and super administrators)', () => {
    expect(mayReveal(holding(grant('RevealSecrets', 'DEV', '', 'application')), scope)).toBe(true);
    expect(mayReveal(holding(grant('RevealSecrets', 'PRO', '', 'application')), scope)).toBe(false);
    expect(mayReveal(holding(grant('RevealSecrets', 'DEV', '', 'other')), scope)).toBe(false);
    expect(mayReveal(holding(grant('RevealSecrets')), scope)).toBe(true);
    expect(
      mayReveal(
        holding(
          grant('ModifyNamespace', '', '', 'application'),
          grant('ModifyNamespacesInCluster', 'DEV', 'default'),
        ),
        scope,
      ),
    ).toBe(false);
    expect(mayReveal({ ...holding(grant('Master')), isMaster: true }, scope)).toBe(false);
    expect(mayReveal({ ...holding(), isSuperAdmin: true }, scope)).toBe(true);
  });

  it('follows cluster roles in their environment and cluster only', () => {
    expect(mayModify(holding(grant('ModifyNamespacesInCluster', 'DEV', 'default')), scope)).toBe(true);
    expect(mayModify(holding(grant('ModifyNamespacesInCluster', 'DEV', 'other')), scope)).toBe(false);
    expect(mayRelease(holding(grant('ReleaseNamespacesInCluster', 'PRO', 'default')), scope)).toBe(false);
  });
});
