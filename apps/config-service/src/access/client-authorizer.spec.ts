import { ACCESS_KEY_MODE, authorizationHeader, signClientRequest } from '@houston/domain';
import { AccessKeyLookup } from './access-key-lookup';
import { ClientAuthorizer } from './client-authorizer';
import { ObservedMismatches, type ObservedMismatch } from './observed-mismatches';

const PATH = '/configs/shop/default/application';

function signed(secret: string, path = PATH) {
  const timestamp = String(Date.now());
  return {
    authorization: authorizationHeader('shop', signClientRequest(secret, timestamp, path)),
    timestamp,
  };
}

function authorizerWith(keys: Array<{ secret: string; mode: number }>) {
  const reported: ObservedMismatch[] = [];
  let now = 0;
  const observed = new ObservedMismatches(
    (mismatch) => reported.push(mismatch),
    10_000,
    () => now,
  );
  const authorizer = new ClientAuthorizer(
    new AccessKeyLookup({ enabledKeys: () => Promise.resolve(keys) }, 60_000),
    observed,
  );
  return { authorizer, reported, advance: (ms: number) => (now += ms) };
}

describe('ClientAuthorizer', () => {
  it('FILTER keys refuse unsigned and wrongly signed requests', async () => {
    const { authorizer, reported } = authorizerWith([
      { secret: 'f'.repeat(32), mode: ACCESS_KEY_MODE.FILTER },
    ]);
    await expect(authorizer.check('shop', {}, PATH)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(() => authorizer.check('shop', signed('x'.repeat(32)), PATH)).toThrow('Unauthorized');
    expect(authorizer.check('shop', signed('f'.repeat(32)), PATH)).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it('OBSERVER keys let every request through and report mismatches, one line per app per interval', async () => {
    const { authorizer, reported, advance } = authorizerWith([
      { secret: 'o'.repeat(32), mode: ACCESS_KEY_MODE.OBSERVER },
    ]);
    await authorizer.check('shop', {}, `${PATH}?ip=10.0.0.1`);
    expect(authorizer.check('shop', signed('x'.repeat(32)), PATH)).toBeUndefined();
    expect(authorizer.check('shop', signed('o'.repeat(32)), PATH)).toBeUndefined();
    authorizer.check('shop', {}, PATH);
    expect(reported).toEqual([{ appId: 'shop', reason: 'missing', path: PATH, suppressed: 0 }]);
    advance(10_000);
    authorizer.check('shop', signed('x'.repeat(32)), PATH);
    expect(reported[1]).toEqual({ appId: 'shop', reason: 'mismatch', path: PATH, suppressed: 2 });
  });

  it('an OBSERVER secret does not open an app that has a FILTER key', async () => {
    const { authorizer } = authorizerWith([
      { secret: 'f'.repeat(32), mode: ACCESS_KEY_MODE.FILTER },
      { secret: 'o'.repeat(32), mode: ACCESS_KEY_MODE.OBSERVER },
    ]);
    await expect(authorizer.check('shop', signed('o'.repeat(32)), PATH)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
