import { createHmac } from 'node:crypto';
import { maskSecret, signClientRequest, verifyClientSignature } from './client-signature';

describe('Apollo client signature', () => {
  const secret = 'df23df3f59884980844ff3dada30fa97';
  const path = '/configs/someApp/default/application?ip=10.0.0.1';
  const now = 1_700_000_000_000;

  it('matches HMAC-SHA1 over "timestamp\\npathWithQuery", base64', () => {
    const expected = createHmac('sha1', secret).update(`${now}\n${path}`).digest('base64');
    expect(signClientRequest(secret, String(now), path)).toBe(expected);
  });

  const signed = (timestamp: number, key = secret, appId = 'someApp') => ({
    appId,
    authorization: `Apollo ${appId}:${signClientRequest(key, String(timestamp), path)}`,
    timestamp: String(timestamp),
    pathWithQuery: path,
  });

  it('accepts a request signed with any enabled secret, within the clock tolerance', () => {
    expect(verifyClientSignature(signed(now - 59_000), [secret], now)).toBe('ok');
    expect(verifyClientSignature(signed(now, 'other'), ['first', 'other'], now)).toBe('ok');
  });

  it('refuses unsigned, skewed, wrongly signed or re-targeted requests', () => {
    expect(verifyClientSignature({ ...signed(now), authorization: undefined }, [secret], now)).toBe(
      'missing',
    );
    expect(verifyClientSignature(signed(now - 60_000), [secret], now)).toBe('skewed');
    expect(verifyClientSignature(signed(now + 61_000), [secret], now)).toBe('skewed');
    expect(verifyClientSignature(signed(now, 'wrong'), [secret], now)).toBe('mismatch');
    expect(
      verifyClientSignature(
        { ...signed(now), pathWithQuery: '/configs/someApp/default/secret' },
        [secret],
        now,
      ),
    ).toBe('mismatch');
    expect(verifyClientSignature({ ...signed(now), appId: 'otherApp' }, [secret], now)).toBe('missing');
  });

  it('masks secrets in listings', () => {
    expect(maskSecret(secret)).toBe('df23' + '*'.repeat(28));
  });
});
