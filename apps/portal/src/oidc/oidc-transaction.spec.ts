import { openTransaction, safeReturnTo, sealTransaction, type OidcTransaction } from './oidc-transaction';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const transaction: OidcTransaction = {
  state: 's',
  nonce: 'n',
  codeVerifier: 'v',
  returnTo: '/apps',
  expiresAt: 2_000,
};

describe('the OIDC transaction cookie', () => {
  it('opens what it sealed, until it expires', () => {
    const sealed = sealTransaction(transaction, secret);
    expect(openTransaction(sealed, secret, 1_000)).toEqual(transaction);
    expect(openTransaction(sealed, secret, 2_000)).toBeUndefined();
  });

  it('refuses a cookie sealed with another key, or changed', () => {
    const sealed = sealTransaction(transaction, secret);
    expect(openTransaction(sealed, `${secret}x`, 1_000)).toBeUndefined();
    const [payload, mac] = sealed.split('.');
    const changed = Buffer.from(JSON.stringify({ ...transaction, nonce: 'other' })).toString('base64url');
    expect(openTransaction(`${changed}.${mac}`, secret, 1_000)).toBeUndefined();
    expect(openTransaction(`${payload}.`, secret, 1_000)).toBeUndefined();
    expect(openTransaction(undefined, secret, 1_000)).toBeUndefined();
    expect(openTransaction('x'.repeat(5000), secret, 1_000)).toBeUndefined();
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/apps/shop?x=1', '/apps/shop?x=1'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/a\nb', '/'],
    [undefined, '/'],
    [['/a'], '/'],
  ])('%p → %p', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });
});
