import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAdminTestServer } from './test-support/admin-test-server';
import {
  rotationSuite,
  secretsOverrideSuite,
  secretsSuite,
  secretsWithoutKeysSuite,
} from './test-support/secrets-suite';

describe('secret items (SQLite)', () => {
  secretsSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});

describe('secret items without master keys (SQLite)', () => {
  secretsWithoutKeysSuite(() => startAdminTestServer());
});

describe('secrets released without an access key on override (SQLite)', () => {
  secretsOverrideSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});

describe('secret key rotation (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houston-rotation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  rotationSuite((secretKeys) =>
    startAdminTestServer({ secretKeys }, `sqlite:${join(dir, 'rotation.sqlite')}`),
  );
});
