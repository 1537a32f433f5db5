import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notificationWebhooksSuite } from './test-support/notification-webhooks-suite';

describe('notification webhooks across admin-service processes (SQLite file)', () => {
  notificationWebhooksSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'houston-notifications-'));
    return {
      url: `sqlite:${join(dir, 'houston.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});
