import { createScratchMysqlDatabase, describeWithMysql } from '@houston/testing';
import { notificationWebhooksSuite } from './test-support/notification-webhooks-suite';

describeWithMysql('notification webhooks across admin-service processes (MariaDB)', () => {
  notificationWebhooksSuite(() => createScratchMysqlDatabase('houston_notifications'));
});
