import { describeWithMysql } from '@houston/testing';
import { clientNamesSuite } from './test-support/client-names-suite';
import { mysqlHouston } from './test-support/start-houston';

// MariaDB's default collation matches `SHOP`, `shop ` and `shop\u200b` to the stored `shop`.
describeWithMysql('app ids and clusters spelt otherwise on MariaDB', () => {
  clientNamesSuite(() => mysqlHouston());
});
