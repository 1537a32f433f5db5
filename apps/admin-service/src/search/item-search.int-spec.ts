import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { itemSearchSuite } from '../test-support/item-search-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describeWithMysql('searching keys and values across apps (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  itemSearchSuite(async (secretKeys) => {
    scratch = await createScratchMysqlDatabase('houston_ui_search');
    return startAdminTestServer({ secretKeys }, scratch.url);
  });
});
