export {
  createScratchMysqlDatabase,
  describeWithMysql,
  describeWithRedis,
  type ScratchDatabase,
} from './real-services';
export { REAL_SERVICES_REQUIRED, TEST_MYSQL_URL, TEST_REDIS_URL } from './real-services-env';
export { probeRealServices, type RealServicesProbe } from './real-services-probe';
export { startHoustonProcess, type HoustonProcess } from './houston-process';
export { FaultProxy, type FaultMode } from './fault-proxy';
export { startServerProcess, type HoustonServerName, type ServerProcess } from './server-process';
export { adminAuth, TEST_ADMIN_TOKEN } from './admin-token';
export { hostilePayloads, type HostilePayload } from './hostile-payloads';
export { InMemoryDatabase, InMemoryInstanceStore } from './in-memory-repositories';
export { repositoryContract, type ContractSubject } from './repository-contract';
