import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { PortalReviewRequestEntity } from '../persistence/portal-entities';
import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';

describeWithMysql('deleting a portal user on MariaDB (sessions in the database)', () => {
  let scratch: ScratchDatabase;
  let portal: PortalTestServer;
  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_portal_users');
    portal = await startPortalTestServer({ HOUSTON_PORTAL_DB_URL: scratch.url });
  });
  afterAll(async () => {
    await portal?.close();
    await scratch?.drop();
  });

  it('ends every session, removes what was theirs and withdraws their pending requests in one go', async () => {
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    const user = { username: 'frank', password: 'franks-long-password' };
    expect((await admin.post('/api/users', user)).status).toBe(201);
    const laptop = await PortalClient.signedIn(portal.url, user.username, user.password);
    const phone = await PortalClient.signedIn(portal.url, user.username, user.password);
    expect((await laptop.put('/api/me/favourites/shop')).status).toBe(200);
    const reviews = portal.database.manager.getRepository(PortalReviewRequestEntity);
    const pending = await reviews.save(
      reviews.create({
        env: 'DEV',
        appId: 'shop',
        clusterName: 'default',
        namespaceName: 'application',
        status: 'PENDING',
        requestedBy: 'frank',
        baseReleaseId: 0,
        changes: '{"added":[],"modified":[],"deleted":[]}',
      }),
    );
    const [{ id }] = await portal.database.manager.query(
      "SELECT id FROM portal_user WHERE username = 'frank'",
    );
    const rowsOf = async (table: string) =>
      Number(
        (await portal.database.manager.query(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`, [id]))[0]
          .n,
      );
    expect(await rowsOf('portal_session')).toBe(2);

    expect((await admin.delete('/api/users/frank')).status).toBe(204);
    expect(await rowsOf('portal_session')).toBe(0);
    expect(await rowsOf('portal_favourite')).toBe(0);
    expect(await reviews.findOneByOrFail({ id: pending.id })).toMatchObject({
      status: 'WITHDRAWN',
      reviewedBy: TEST_ADMIN.username,
    });
    expect((await laptop.get('/api/session')).status).toBe(401);
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await admin.get('/api/session')).status).toBe(200);
  });
});
