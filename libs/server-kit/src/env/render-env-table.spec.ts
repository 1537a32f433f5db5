import {
  envBool,
  envDurationMs,
  envEnum,
  envInt,
  envList,
  envOptional,
  envString,
  envUrl,
} from './env-builders';
import { describeEnv } from './describe-env';
import { loadEnv } from './load-env';
import { renderEnvTable } from './render-env-table';

const schema = {
  HOUSTON_DB_URL: envString({
    description: 'Database: `mysql://user:pass@host/db` or `sqlite:path`.',
    example: 'sqlite:data/houston.db',
  }),
  HOUSTON_CONFIG_PORT: envInt({ description: 'Port of config-service.', default: 8080 }),
  HOUSTON_LONG_POLL_TIMEOUT: envDurationMs({ description: 'How long a long poll is held.', default: 60_000 }),
  HOUSTON_LOG_LEVEL: envEnum(['info', 'debug'], { description: 'Log level.', default: 'info' }),
  HOUSTON_CORS: envBool({ description: 'Allow any origin.', default: false }),
  HOUSTON_TOKEN: envString({
    description: 'Admin token | used by scripts.',
    sensitive: true,
    default: 'changeme',
  }),
  HOUSTON_META_URL: envOptional(envUrl({ description: 'Meta server URL.' })),
  HOUSTON_TAGS: envList({ description: 'Tags.', default: ['a', 'b'] }),
  HOUSTON_SECRET: envOptional(envString({ description: 'A secret without a full stop', sensitive: true })),
};

describe('renderEnvTable', () => {
  it('renders a markdown table with defaults as an operator writes them', () => {
    expect(renderEnvTable(schema)).toBe(
      [
        '| Variable | Default | Description |',
        '| --- | --- | --- |',
        '| `HOUSTON_DB_URL` | _(required)_ | Database: `mysql://user:pass@host/db` or `sqlite:path`. Example: `sqlite:data/houston.db`. |',
        '| `HOUSTON_CONFIG_PORT` | `8080` | Port of config-service. |',
        '| `HOUSTON_LONG_POLL_TIMEOUT` | `1m` | How long a long poll is held. |',
        '| `HOUSTON_LOG_LEVEL` | `info` | Log level. |',
        '| `HOUSTON_CORS` | `false` | Allow any origin. |',
        '| `HOUSTON_TOKEN` | *** | Admin token \\| used by scripts. Secret: never logged. |',
        '| `HOUSTON_META_URL` | _(unset)_ | Meta server URL. |',
        '| `HOUSTON_TAGS` | `a,b` | Tags. |',
        '| `HOUSTON_SECRET` | _(unset)_ | A secret without a full stop. Secret: never logged. |',
        '',
      ].join('\n'),
    );
  });
});

describe('describeEnv', () => {
  it('gives values safe to log: secrets masked, URL passwords hidden, durations readable', () => {
    const values = loadEnv(schema, {
      HOUSTON_DB_URL: 'mysql://houston:s3cret@db:3306/houston',
      HOUSTON_TOKEN: 'abc',
      HOUSTON_LONG_POLL_TIMEOUT: '1500',
    });
    expect(describeEnv(values, schema)).toEqual({
      HOUSTON_DB_URL: 'mysql://houston:***@db:3306/houston',
      HOUSTON_CONFIG_PORT: 8080,
      HOUSTON_LONG_POLL_TIMEOUT: '1500ms',
      HOUSTON_LOG_LEVEL: 'info',
      HOUSTON_CORS: false,
      HOUSTON_TOKEN: '***',
      HOUSTON_META_URL: undefined,
      HOUSTON_TAGS: ['a', 'b'],
    });
  });

  it('hides URL passwords inside structured values too (lists of objects, as environment lists parse)', () => {
    const environments = {
      HOUSTON_ENVS: {
        description: 'Environments.',
        parse: (raw: string) => [{ name: 'DEV', metaServerUrls: raw.split(',') }],
      },
    };
    const values = loadEnv(environments, {
      HOUSTON_ENVS: 'http://meta:pa55word@meta1:8080,http://meta2:8080',
    });
    const described = describeEnv(values, environments);
    expect(JSON.stringify(described)).not.toContain('pa55word');
    expect(described).toEqual({
      HOUSTON_ENVS: [{ name: 'DEV', metaServerUrls: ['http://meta:***@meta1:8080/', 'http://meta2:8080'] }],
    });
  });
});
