import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, PinoNestLogger } from '@houston/server-kit';
import type { DataSource } from 'typeorm';
import { openDataLayer } from './data-layer';
import { openDatabase } from './open-database';
import { StartupError } from './startup-failure';

// The database is wired through TypeOrmModule in a Nest context of its own: the data source the
// repositories use is the one the module injects, migrations run at start, close destroys it,
// and a database that cannot be reached fails at once (no TypeOrmModule retries).

const logger = new PinoNestLogger(createLogger({ level: 'silent', name: 'open-database' }));

describe('openDatabase through TypeOrmModule', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-open-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (file: string) => ({
    HOUSTON_DB_URL: `sqlite:${join(dir, file)}`,
    HOUSTON_DB_POOL_SIZE: 2,
    HOUSTON_DB_SKIP_MIGRATIONS: false,
  });

  it('migrates at start and destroys the data source on close', async () => {
    const database = await openDatabase(settings('a.sqlite'), logger);
    expect(database.dataSource.isInitialized).toBe(true);
    expect(await database.dataSource.showMigrations()).toBe(false);
    expect(await database.repos.apps.findByAppId('none')).toBeNull();
    await database.close();
    expect(database.dataSource.isInitialized).toBe(false);
    await database.close();
  });

  it('builds the data layer on the data source TypeOrmModule injects', async () => {
    let injected: DataSource | undefined;
    const layer = await openDataLayer(
      {
        settings: { url: `sqlite:${join(dir, 'b.sqlite')}` },
        describeFailure: (error) => error as Error,
        prepare: async (dataSource) => {
          injected = dataSource;
          return 'built';
        },
      },
      logger,
    );
    expect(layer.value).toBe('built');
    expect(layer.dataSource).toBe(injected);
    expect(layer.dataSource.options.synchronize).toBe(false);
    await layer.close();
    expect(injected!.isInitialized).toBe(false);
  });

  it('destroys the data source when what is built on it fails', async () => {
    let injected: DataSource | undefined;
    await expect(
      openDataLayer(
        {
          settings: { url: `sqlite:${join(dir, 'c.sqlite')}` },
          describeFailure: (error) => error as Error,
          prepare: async (dataSource) => {
            injected = dataSource;
            throw new Error('migration broke');
          },
        },
        logger,
      ),
    ).rejects.toThrow('migration broke');
    expect(injected?.isInitialized).toBe(false);
  });

  it('fails once, naming HOUSTON_DB_URL without the password, when the database drops the connection', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => {
      sockets.push(socket);
      socket.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    try {
      const failure = await openDatabase(
        {
          HOUSTON_DB_URL: `mysql://houston:secret-password@127.0.0.1:${port}/houston`,
          HOUSTON_DB_POOL_SIZE: 2,
          HOUSTON_DB_SKIP_MIGRATIONS: false,
        },
        logger,
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StartupError);
      expect((failure as StartupError).setting).toBe('HOUSTON_DB_URL');
      expect((failure as Error).message).toMatch(
        /^HOUSTON_DB_URL: cannot open mysql:\/\/houston:\*\*\*@127\.0\.0\.1/,
      );
      expect((failure as Error).message).not.toContain('secret-password');
      // TypeOrmModule would try 10 times by default; one connection means no retry.
      expect(sockets).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
