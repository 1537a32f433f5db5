import { randomBytes } from 'node:crypto';

/**
 * The service token the test servers are started with and test clients send to the
 * admin-service: made afresh in each test process, never written anywhere.
 */
export const TEST_ADMIN_TOKEN = `test-${randomBytes(24).toString('hex')}`;

/** The header that lets a test client through the admin-service's token check. */
export function adminAuth(): { authorization: string } {
  return { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
}
