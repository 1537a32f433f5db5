import { ADMIN_SERVICE_ENV } from '@houston/admin-service';
import { CONFIG_SERVICE_ENV } from '@houston/config-service';
import { META_SERVER_ENV } from '@houston/meta-server';
import { PORTAL_ENV } from '@houston/portal';
import { RUNTIME_ENV } from '@houston/runtime';
import { ALL_IN_ONE_ENV } from '../all-in-one.env';
import { envSections, renderEnvBlock } from './env-tables';

describe('env tables', () => {
  it('list every variable any entry point reads, each once', () => {
    const listed = envSections().flatMap((section) => Object.keys(section.schema));
    const read = new Set(
      [
        RUNTIME_ENV,
        CONFIG_SERVICE_ENV,
        ADMIN_SERVICE_ENV,
        META_SERVER_ENV,
        PORTAL_ENV,
        ALL_IN_ONE_ENV,
        { HOUSTON_HOST: 0 },
      ].flatMap((schema) => Object.keys(schema)),
    );
    expect([...listed].sort()).toEqual([...read].sort());
  });

  it('include the settings that were once missing from the README', () => {
    const all = renderEnvBlock('all');
    for (const name of [
      'HOUSTON_REDIS_URL',
      'HOUSTON_ACCESS_KEY_CACHE_TTL',
      'HOUSTON_INSTANCE_FLUSH_INTERVAL',
      'HOUSTON_NAMESPACE_LOCK',
      'HOUSTON_EDITOR_CANNOT_RELEASE',
    ]) {
      expect(all).toContain(`| \`${name}\` |`);
    }
  });

  it('refuse a section that does not exist, naming the ones that do', () => {
    expect(() => renderEnvBlock('nope')).toThrow(/use all, every-server, config-service/);
  });
});
