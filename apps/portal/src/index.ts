export { PORTAL_ENV, type PortalEnv } from './portal.env';
export { startPortal, type RunningPortal, type StartPortalOptions } from './start-portal';
