import { PortalClient } from './test-support/portal-client';
import type { PortalTestServer } from './test-support/portal-test-server';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';
import type { TwoEnvironments } from './test-support/two-environments';

jest.setTimeout(60_000);

describe('portal environments over HTTP', () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  let admin: PortalClient;
  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({ portal: { HOUSTON_PORTAL_ENV_TIMEOUT: '500ms' } });
    ({ environments, portal, admin } = fixture);
  });
  afterAll(() => fixture?.stop());

  it('finds each environment through its meta-servers, past a silent and a refusing one, and names the unreachable one', async () => {
    const answer = await admin.get('/api/envs');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { env: 'DEV', status: 'up', adminServices: 1 },
      { env: 'PRO', status: 'up', adminServices: 1 },
      {
        env: 'OFF',
        status: 'unreachable',
        adminServices: 0,
        reason: expect.stringMatching(/No meta-server answered/),
      },
    ]);
  });

  it('is only for signed-in people', async () => {
    expect((await new PortalClient(portal.url).get('/api/envs')).status).toBe(401);
  });

  // Last: it stops PRO.
  it('reports an environment that has gone as unreachable, the others still up', async () => {
    await environments.pro.stop();
    const answer = await admin.get('/api/envs');
    expect(answer.status).toBe(200);
    expect(answer.body[0]).toEqual({ env: 'DEV', status: 'up', adminServices: 1 });
    expect(answer.body[1]).toMatchObject({ env: 'PRO', status: 'unreachable', adminServices: 0 });
  });
});
