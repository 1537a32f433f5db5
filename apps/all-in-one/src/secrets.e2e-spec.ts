import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsProcessSuite } from './test-support/secrets-process-suite';

describe('secrets at rest, end to end (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houston-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  secretsProcessSuite(async () => `sqlite:${join(dir, 'houston.sqlite')}`);
});
