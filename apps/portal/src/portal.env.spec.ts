import { loadEnv } from '@houston/server-kit';
import { PORTAL_ENV } from './portal.env';

describe('PORTAL_ENV', () => {
  it('defaults to port 8070, an embedded SQLite file and no environments', () => {
    const env = loadEnv(PORTAL_ENV, {});
    expect(env.HOUSTON_PORTAL_PORT).toBe(8070);
    expect(env.HOUSTON_PORTAL_DB_URL).toBe('sqlite:data/portal.sqlite');
    expect(env.HOUSTON_PORTAL_ENVS).toEqual([]);
    expect(env.HOUSTON_PORTAL_ADMIN_PASSWORD).toBeUndefined();
  });

  it('names every wrong variable, without showing secrets', () => {
    expect(() =>
      loadEnv(PORTAL_ENV, {
        HOUSTON_PORTAL_ENVS: 'DEV=ftp://meta',
        HOUSTON_PORTAL_DB_URL: 'postgres://x',
      }),
    ).toThrow(
      /HOUSTON_PORTAL_DB_URL[\s\S]*HOUSTON_PORTAL_ENVS: environment DEV: "ftp:\/\/meta" must be http or https/,
    );
    const refused = () => loadEnv(PORTAL_ENV, { HOUSTON_PORTAL_ADMIN_PASSWORD: 'tiny-secret' });
    expect(refused).toThrow(/HOUSTON_PORTAL_ADMIN_PASSWORD: must be 12 to 128 characters/);
    expect(refused).not.toThrow(/tiny-secret/);
  });
});
