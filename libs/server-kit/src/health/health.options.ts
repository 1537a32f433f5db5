import type { HealthCheck } from './health-check';
import type { ReadinessState } from './readiness-state';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthModuleOptions {
  checks?: readonly HealthCheck[];
  /** Pass the instance the shutdown handler marks; a new one is made when absent. */
  readiness?: ReadinessState;
  /** How long `/ready` waits for each check. */
  checkTimeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;
