import { itemSearchSuite } from '../test-support/item-search-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describe('searching keys and values across apps (SQLite)', () => {
  itemSearchSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});
