export {
  createScratchMysqlDatabase,
  describeWithMysql,
  describeWithRedis,
  REAL_SERVICES_REQUIRED,
  TEST_MYSQL_URL,
  TEST_REDIS_URL,
  type ScratchDatabase,
} from './real-services';
