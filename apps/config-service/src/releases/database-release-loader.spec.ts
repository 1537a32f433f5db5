import { randomBytes } from 'node:crypto';
import { encryptSecret, parseMasterKeys } from '@houston/domain';
import type { Database } from '@houston/persistence';
import { DatabaseReleaseLoader } from './database-release-loader';

function databaseWith(configurations: Record<string, string>): Database {
  const release = {
    id: 7,
    releaseKey: 'rk',
    appId: 'app',
    clusterName: 'default',
    namespaceName: 'application',
    configurations: JSON.stringify(configurations),
  };
  return { repos: { releases: { findLatestActive: async () => release } } } as unknown as Database;
}

describe('DatabaseReleaseLoader', () => {
  const ring = parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`);

  it('decrypts secret values so that clients receive them in clear', async () => {
    const database = databaseWith({ url: 'jdbc:x', password: encryptSecret('pw', ring) });
    const snapshot = await new DatabaseReleaseLoader(database, ring).load('app', 'default', 'application');
    expect(snapshot?.configurations).toEqual({ url: 'jdbc:x', password: 'pw' });
  });

  it('refuses to load a release with secrets when no master key is configured', async () => {
    const database = databaseWith({ password: encryptSecret('pw', ring) });
    await expect(new DatabaseReleaseLoader(database).load('app', 'default', 'application')).rejects.toThrow(
      /no master key is configured/,
    );
  });
});
