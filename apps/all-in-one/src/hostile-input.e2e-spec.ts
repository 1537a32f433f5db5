import { startHoustonProcess } from '@houston/testing';
import { hostileInputSuite } from './test-support/hostile-input-suite';

// The hostile payloads against `npm start` on SQLite; `hostile-input.int-spec.ts` runs them on MariaDB.
describe('hostile input against the running server (SQLite)', () => {
  hostileInputSuite((env) => startHoustonProcess(env));
});
