import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHoustonProcess, TEST_ADMIN_TOKEN, type HoustonProcess } from '@houston/testing';
import { main } from './cli';
import { EXIT_USAGE } from './exit-codes';

describe('houston webhooks', () => {
  let server: HoustonProcess;
  let receiver: Server;
  let receiverUrl: string;
  let accepting = false;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['x-houston-delivery']));
        response.writeHead(accepting ? 204 : 503);
        response.end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await startHoustonProcess({
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      HOUSTON_WEBHOOK_POLL_INTERVAL: '50ms',
      HOUSTON_WEBHOOK_MAX_ATTEMPTS: '1',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise((done) => receiver?.close(done));
  });

  async function houston(env: Record<string, string>, ...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main([...argv, '--admin-url', server.adminUrl], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { HOUSTON_OPERATOR: 'ci', HOUSTON_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
      cwd: process.cwd(),
    });
    return { code, stdout, stderr };
  }
  const run = (...argv: string[]) => houston({}, ...argv);

  async function until(what: string, condition: () => Promise<boolean>) {
    const deadline = Date.now() + 20_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((tick) => setTimeout(tick, 20));
    }
  }

  it('adds a hook, lists a failed delivery with its error, shows it, redelivers it and removes the hook', async () => {
    expect((await run('apps', 'create', 'cliwebhooks')).code).toBe(0);
    const refused = await run('webhooks', 'add', receiverUrl, '--app', 'cliwebhooks');
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.stderr).toContain('HOUSTON_WEBHOOK_SECRET');

    const added = await houston(
      { HOUSTON_WEBHOOK_SECRET: 'cli-webhook-secret-0123456789' },
      'webhooks',
      'add',
      receiverUrl,
      '--app',
      'cliwebhooks',
      '--events',
      'release,rollback',
      '--json',
    );
    expect(added.code).toBe(0);
    const hook = JSON.parse(added.stdout) as { id: number; events: string[] };
    expect(hook.events).toEqual(['release', 'rollback']);
    expect((await run('webhooks', 'list', '--app', 'cliwebhooks')).stdout).toContain(receiverUrl);

    expect((await run('items', 'set', 'level', '1', '--app', 'cliwebhooks')).code).toBe(0);
    expect((await run('release', '--app', 'cliwebhooks', '--title', 'first')).code).toBe(0);
    const failedRows = async () =>
      JSON.parse(
        (await run('webhooks', 'deliveries', '--app', 'cliwebhooks', '--status', 'failed', '--json')).stdout,
      ) as Array<{
        id: number;
        lastError: string;
      }>;
    await until('the failed delivery', async () => (await failedRows()).length === 1);
    const [failed] = await failedRows();
    expect(failed!.lastError).toBe('the receiver answered 503');
    const table = await run('webhooks', 'deliveries', '--app', 'cliwebhooks');
    expect(table.stdout).toMatch(/failed\s+1\s+503\s+the receiver answered 503/);
    const shown = await run('webhooks', 'deliveries', 'show', String(failed!.id), '--app', 'cliwebhooks');
    expect(shown.stdout).toContain(
      `delivery ${failed!.id} to webhook ${hook.id}: release of cliwebhooks/application, failed`,
    );
    expect(shown.stdout).toContain('"title": "first"');

    accepting = true;
    const redelivered = await run(
      'webhooks',
      'deliveries',
      'redeliver',
      String(failed!.id),
      '--app',
      'cliwebhooks',
    );
    expect(redelivered.code).toBe(0);
    await until('the redelivery', async () => (await failedRows()).length === 0 && received.length === 2);
    expect(received).toEqual([String(failed!.id), String(failed!.id)]);
    const again = await run(
      'webhooks',
      'deliveries',
      'redeliver',
      String(failed!.id),
      '--app',
      'cliwebhooks',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('only a failed delivery is sent again');

    expect((await run('webhooks', 'remove', String(hook.id), '--app', 'cliwebhooks')).code).toBe(0);
    expect((await run('webhooks', 'list', '--app', 'cliwebhooks', '--json')).stdout.trim()).toBe('[]');
  });

  it('adds a validation hook whose veto refuses the release and fails its dry run, lists it and removes it', async () => {
    const validator = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ allow: false, message: 'frozen for the holidays' }));
      });
    });
    await new Promise<void>((done) => validator.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(validator.address() as AddressInfo).port}/check`;
      expect((await run('apps', 'create', 'clivalidate')).code).toBe(0);
      const refused = await run('validation-hooks', 'add', url, '--app', 'clivalidate');
      expect(refused.code).toBe(EXIT_USAGE);
      expect(refused.stderr).toContain('HOUSTON_WEBHOOK_SECRET');
      const added = await houston(
        { HOUSTON_WEBHOOK_SECRET: 'cli-webhook-secret-0123456789' },
        'validation-hooks',
        'add',
        url,
        '--app',
        'clivalidate',
        '--timeout-ms',
        '2000',
        '--json',
      );
      expect(added.code).toBe(0);
      const hook = JSON.parse(added.stdout);
      expect(hook).toMatchObject({ url, timeoutMs: 2000, failurePolicy: 'fail-closed' });
      expect(hook.secret).toBeUndefined();
      const listed = await run('validation-hooks', 'list', '--app', 'clivalidate');
      expect(listed.stdout).toContain(url);
      expect(listed.stdout).not.toContain('cli-webhook-secret');

      expect((await run('items', 'set', 'timeout', '100', '--app', 'clivalidate')).code).toBe(0);
      const dryRun = await run('release', '--app', 'clivalidate', '--dry-run');
      expect(dryRun.code).toBe(1);
      expect(dryRun.stdout + dryRun.stderr).toContain('frozen for the holidays');
      const release = await run('release', '--app', 'clivalidate');
      expect(release.code).toBe(1);
      expect(release.stderr).toContain('RELEASE_VETOED');

      expect((await run('validation-hooks', 'remove', String(hook.id), '--app', 'clivalidate')).code).toBe(0);
      expect((await run('validation-hooks', 'list', '--app', 'clivalidate', '--json')).stdout.trim()).toBe(
        '[]',
      );
      expect((await run('release', '--app', 'clivalidate')).code).toBe(0);
    } finally {
      await new Promise((done) => validator.close(done));
    }
  });
});
