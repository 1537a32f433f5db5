import type { UnzipLimits } from './transfer/bounded-unzip';

/** Settings the portal's providers read, resolved once at start-up (see start-portal.ts). */
export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');
/** Where sessions are kept (a SessionStore). */
export const SESSION_STORE = Symbol('SESSION_STORE');

export interface PortalSettings {
  sessionSecret: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  loginAttempts: number;
  loginWindowMs: number;
  /** Whether local accounts may sign in with a password (false: OIDC only). */
  localLogin: boolean;
  /** Bounds on an imported zip (transfer/bounded-unzip.ts). */
  importLimits: UnzipLimits;
  /** Environments (upper-case) whose values only members of the app may see. */
  memberOnlyEnvs: string[];
  /** Environments (upper-case) whose releases need another person's approval unless an app says otherwise. */
  reviewEnvs: string[];
  /** Environments (upper-case) where a releaser may publish at once with `isEmergencyPublish`. */
  emergencyPublishEnvs: string[];
}

/** The OIDC client (oidc/oidc-client.ts), or null when OIDC sign-in is not configured. */
export const OIDC_CLIENT = Symbol('OIDC_CLIENT');

/** The Open API's per-token request counter (open-api/token-rate-limiter.ts): in Redis when configured. */
export const RATE_LIMIT_COUNTER = Symbol('RATE_LIMIT_COUNTER');
