import type { MigrationInterface } from 'typeorm';
import { PortalFavourites1796084309975 } from './1796084309975-portal-favourites';
import { PortalRecentApps1796098043698 } from './1796098043698-portal-recent-apps';
import { PortalAuditChanges1796075821914 } from './1796075821914-portal-audit-changes';
import { PortalReviewFingerprint1796090000000 } from './1796090000000-portal-review-fingerprint';
import { PortalReview1796074375360 } from './1796074375360-portal-review';
import { PortalConsumers1796075221080 } from './1796075221080-portal-consumers';
import { PortalIdentity1796075269582 } from './1796075269582-portal-identity';
import { PortalAudit1796069992319 } from './1796069992319-portal-audit';
import { PortalRoles1796065629684 } from './1796065629684-portal-roles';
import { PortalPeople1796064275626 } from './1796064275626-portal-people';

/** In the order they run; never edit one that has been released, add a new one. */
export const PORTAL_SQLITE_MIGRATIONS: Array<new () => MigrationInterface> = [
  PortalPeople1796064275626,
  PortalRoles1796065629684,
  PortalAudit1796069992319,
  PortalReview1796074375360,
  PortalConsumers1796075221080,
  PortalIdentity1796075269582,
  PortalAuditChanges1796075821914,
  PortalFavourites1796084309975,
  PortalReviewFingerprint1796090000000,
  PortalRecentApps1796098043698,
];
