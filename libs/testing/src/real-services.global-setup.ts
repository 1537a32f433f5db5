import { MYSQL_AVAILABLE_FLAG, REAL_SERVICES_REQUIRED, REDIS_AVAILABLE_FLAG } from './real-services-env';
import { probeRealServices } from './real-services-probe';

/** Finds out once, before any suite loads, which real servers the integration suites can use. */
export default async function realServicesGlobalSetup(): Promise<void> {
  const { mysql, redis, problems } = await probeRealServices();
  process.env[MYSQL_AVAILABLE_FLAG] = mysql === null ? '1' : '0';
  process.env[REDIS_AVAILABLE_FLAG] = redis === null ? '1' : '0';
  if (problems.length === 0) return;
  if (REAL_SERVICES_REQUIRED) {
    throw new Error(`HOUSTON_REQUIRE_REAL_SERVICES=1 but: ${problems.join('; ')}`);
  }
  process.stderr.write(
    `\n[houston] Skipping the suites that need them: ${problems.join('; ')}.\n` +
      '[houston] Start the servers (see README, "Tests") or set HOUSTON_TEST_MYSQL_URL / HOUSTON_TEST_REDIS_URL.\n\n',
  );
}
