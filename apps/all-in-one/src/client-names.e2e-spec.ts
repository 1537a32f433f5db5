import { clientNamesSuite } from './test-support/client-names-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('app ids and clusters spelt otherwise (embedded default: SQLite)', () => {
  clientNamesSuite(() => embeddedHouston());
});
