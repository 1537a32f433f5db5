import { oidcSettingsOf, type OidcEnv } from './oidc-settings';

const base: OidcEnv = {
  HOUSTON_PORTAL_OIDC_SCOPES: ['openid', 'profile'],
  HOUSTON_PORTAL_OIDC_USERNAME_CLAIM: 'preferred_username',
  HOUSTON_PORTAL_LOCAL_LOGIN: true,
};
const configured: OidcEnv = {
  ...base,
  HOUSTON_PORTAL_OIDC_ISSUER: 'https://id.example.test/realms/x',
  HOUSTON_PORTAL_OIDC_CLIENT_ID: 'portal',
  HOUSTON_PORTAL_OIDC_REDIRECT_URL: 'https://portal.example.test/api/oidc/callback',
};

describe('oidcSettingsOf', () => {
  it('is off without an issuer', () => {
    expect(oidcSettingsOf(base)).toBeUndefined();
  });

  it('reads a complete configuration', () => {
    expect(oidcSettingsOf({ ...configured, HOUSTON_PORTAL_OIDC_CLIENT_SECRET: 's' })).toEqual({
      issuer: 'https://id.example.test/realms/x',
      clientId: 'portal',
      clientSecret: 's',
      redirectUrl: 'https://portal.example.test/api/oidc/callback',
      scopes: ['openid', 'profile'],
      usernameClaim: 'preferred_username',
    });
  });

  it.each([
    [{ ...base, HOUSTON_PORTAL_OIDC_CLIENT_ID: 'x' }, /HOUSTON_PORTAL_OIDC_CLIENT_ID: is set but/],
    [{ ...base, HOUSTON_PORTAL_LOCAL_LOGIN: false }, /HOUSTON_PORTAL_LOCAL_LOGIN: is false but OIDC/],
    [
      { ...configured, HOUSTON_PORTAL_OIDC_CLIENT_ID: undefined },
      /HOUSTON_PORTAL_OIDC_CLIENT_ID: is required/,
    ],
    [
      { ...configured, HOUSTON_PORTAL_OIDC_REDIRECT_URL: undefined },
      /HOUSTON_PORTAL_OIDC_REDIRECT_URL: is required/,
    ],
    [
      { ...configured, HOUSTON_PORTAL_OIDC_REDIRECT_URL: 'https://portal.example.test/elsewhere' },
      /HOUSTON_PORTAL_OIDC_REDIRECT_URL: must end in \/api\/oidc\/callback/,
    ],
    [
      { ...configured, HOUSTON_PORTAL_OIDC_SCOPES: ['profile'] },
      /HOUSTON_PORTAL_OIDC_SCOPES: must include openid/,
    ],
    [
      { ...configured, HOUSTON_PORTAL_OIDC_ISSUER: 'http://id.example.test' },
      /HOUSTON_PORTAL_OIDC_ISSUER: must be https/,
    ],
  ])('refuses settings that do not fit together (%#)', (env, message) => {
    expect(() => oidcSettingsOf(env)).toThrow(message);
  });

  it('accepts plain http to an issuer on this machine', () => {
    expect(
      oidcSettingsOf({ ...configured, HOUSTON_PORTAL_OIDC_ISSUER: 'http://127.0.0.1:9000' })?.issuer,
    ).toBe('http://127.0.0.1:9000');
  });
});
