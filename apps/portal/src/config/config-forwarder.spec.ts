import { adminPathOf, hideValues, HIDDEN_VALUE } from './config-forwarder';

describe('ConfigForwarder helpers', () => {
  it('maps a portal path to the admin path and drops a claimed operator', () => {
    expect(adminPathOf('/api/envs/DEV/apps/shop')).toBe('/apps/shop');
    expect(adminPathOf('/api/envs/dev/apps/shop/items?page=2&operator=eve&size=5')).toBe(
      '/apps/shop/items?page=2&size=5',
    );
    expect(adminPathOf('/api/envs/DEV/apps/a%2Fb')).toBe('/apps/a%2Fb');
  });

  it('hides every value, however deep', () => {
    expect(
      hideValues({ items: [{ key: 'k', value: 'secret' }], configText: 'k=secret', name: 'application' }),
    ).toEqual({ items: [{ key: 'k', value: HIDDEN_VALUE }], configText: HIDDEN_VALUE, name: 'application' });
  });
});
