/** Settings the portal's providers read, resolved once at start-up (see start-portal.ts). */
export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');

export interface PortalSettings {
  sessionSecret: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  loginAttempts: number;
  loginWindowMs: number;
  /** Environments (upper-case) whose values only members of the app may see. */
  memberOnlyEnvs: string[];
  /** Environments (upper-case) whose releases need another person's approval unless an app says otherwise. */
  reviewEnvs: string[];
  /** Environments (upper-case) where a releaser may publish at once with `isEmergencyPublish`. */
  emergencyPublishEnvs: string[];
}
