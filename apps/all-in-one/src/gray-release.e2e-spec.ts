import { grayReleaseSuite } from './test-support/gray-release-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('gray release (embedded default: SQLite)', () => {
  grayReleaseSuite(() => embeddedHouston({}));
});
