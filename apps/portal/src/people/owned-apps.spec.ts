import { OWNED_APPS_NAMED, ownedAppsRefusal } from './owned-apps';

describe('ownedAppsRefusal', () => {
  it('refuses nothing when the user owns no app', () => {
    expect(ownedAppsRefusal('alice', [])).toBeUndefined();
  });

  it('names each app once, whatever the environments, and says to transfer first', () => {
    const refusal = ownedAppsRefusal('alice', [
      { env: 'PRO', appId: 'shop' },
      { env: 'DEV', appId: 'billing' },
      { env: 'DEV', appId: 'shop' },
    ])!;
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toBe(
      'alice still owns 2 apps: billing, shop; transfer their ownership to someone else first (PUT /api/apps/{appId}/owner)',
    );
    expect(refusal.details).toEqual({
      username: 'alice',
      ownedApps: ['billing', 'shop'],
      ownedAppCount: 2,
      ownedConsumers: [],
      ownedConsumerCount: 0,
    });
  });

  it('says "the app" for one', () => {
    expect(ownedAppsRefusal('bob', [{ env: 'DEV', appId: 'demo' }])!.message).toMatch(
      /^bob still owns the app: demo; /,
    );
  });

  it(`names at most ${OWNED_APPS_NAMED} apps and counts the rest`, () => {
    const owned = Array.from({ length: OWNED_APPS_NAMED + 3 }, (_, i) => ({
      env: 'DEV',
      appId: `app-${String(i).padStart(2, '0')}`,
    }));
    const refusal = ownedAppsRefusal('carol', owned)!;
    expect(refusal.details!['ownedApps']).toHaveLength(OWNED_APPS_NAMED);
    expect(refusal.details!['ownedAppCount']).toBe(OWNED_APPS_NAMED + 3);
    expect(refusal.message).toContain(`app-09 and 3 more;`);
    expect(refusal.message).not.toContain('app-10');
  });

  it('refuses a user who owns only Open API consumers, naming them and where to transfer them', () => {
    const refusal = ownedAppsRefusal('dave', [], ['deploy-bot'])!;
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toBe(
      'dave still owns the Open API consumer: deploy-bot; transfer their ownership to someone else first (PUT /api/consumers/{id}/owner)',
    );
    expect(refusal.details).toEqual({
      username: 'dave',
      ownedApps: [],
      ownedAppCount: 0,
      ownedConsumers: ['deploy-bot'],
      ownedConsumerCount: 1,
    });
  });

  it('names both apps and consumers, each bounded and counted', () => {
    const consumers = Array.from(
      { length: OWNED_APPS_NAMED + 2 },
      (_, i) => `bot-${String(i).padStart(2, '0')}`,
    );
    const refusal = ownedAppsRefusal('erin', [{ env: 'DEV', appId: 'shop' }], [...consumers].reverse())!;
    expect(refusal.message).toBe(
      'erin still owns the app: shop; 12 Open API consumers: ' +
        `${consumers.slice(0, OWNED_APPS_NAMED).join(', ')} and 2 more; ` +
        'transfer their ownership to someone else first (PUT /api/apps/{appId}/owner, PUT /api/consumers/{id}/owner)',
    );
    expect(refusal.details).toEqual({
      username: 'erin',
      ownedApps: ['shop'],
      ownedAppCount: 1,
      ownedConsumers: consumers.slice(0, OWNED_APPS_NAMED),
      ownedConsumerCount: OWNED_APPS_NAMED + 2,
    });
  });
});
