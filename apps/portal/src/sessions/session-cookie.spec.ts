import { readCookie, sessionCookie, signToken, verifySignedToken } from './session-cookie';

describe('session cookie', () => {
  const secret = 'a'.repeat(40);

  it('verifies its own signature and refuses a forged or re-signed one', () => {
    const signed = signToken('tok123', secret);
    expect(verifySignedToken(signed, secret)).toBe('tok123');
    expect(verifySignedToken(signed, 'b'.repeat(40))).toBeUndefined();
    expect(verifySignedToken(signed.replace('tok123', 'tok124'), secret)).toBeUndefined();
    expect(verifySignedToken('tok123', secret)).toBeUndefined();
    expect(verifySignedToken(`${signed}x`, secret)).toBeUndefined();
  });

  it('is HttpOnly and SameSite, Secure only when asked', () => {
    const plain = sessionCookie('v', { maxAgeSeconds: 60, secure: false });
    expect(plain).toContain('HttpOnly');
    expect(plain).toContain('SameSite=Lax');
    expect(plain).not.toContain('Secure');
    expect(sessionCookie('v', { maxAgeSeconds: 60, secure: true })).toContain('Secure');
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; houston_portal_session=x.y; b=2', 'houston_portal_session')).toBe('x.y');
    expect(readCookie('a=1', 'houston_portal_session')).toBeUndefined();
    expect(readCookie(undefined, 'houston_portal_session')).toBeUndefined();
  });
});
