import { randomBytes } from 'node:crypto';

/** Apollo's releaseKey shape: `yyyyMMddHHmmss-` and 16 hex characters, e.g. `20170430092936-dee2d58e74515ff3`. */
export const RELEASE_KEY_PATTERN = /^\d{14}-[0-9a-f]{16}$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `yyyyMMddHHmmss` in UTC, so that keys sort the same whatever the server's time zone. */
function timestamp(now: Date): string {
  return (
    pad(now.getUTCFullYear(), 4) +
    pad(now.getUTCMonth() + 1) +
    pad(now.getUTCDate()) +
    pad(now.getUTCHours()) +
    pad(now.getUTCMinutes()) +
    pad(now.getUTCSeconds())
  );
}

function randomHex16(): string {
  return randomBytes(8).toString('hex');
}

/**
 * A fresh releaseKey. Apollo packs a hash, machine id and counter into the hex part; 64 random bits
 * give the same uniqueness without coordination between instances.
 */
export function createReleaseKey(now: Date = new Date(), randomHex: () => string = randomHex16): string {
  return `${timestamp(now)}-${randomHex().toLowerCase()}`;
}

/** The title Apollo's portal proposes for a release: `yyyyMMddHHmmss-release`. */
export function defaultReleaseTitle(now: Date = new Date()): string {
  return `${timestamp(now)}-release`;
}
