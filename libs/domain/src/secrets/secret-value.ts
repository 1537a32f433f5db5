import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { findMasterKey, type MasterKeyRing } from './master-keys';

/**
 * How an encrypted value starts. Values are self-describing so that every copy of them (items,
 * commits, releases, gray branches, audit rows) can be decrypted or re-encrypted without knowing
 * where it came from; clear values that start with this prefix are refused (see
 * `assertNotSecretEnvelope`), so the prefix never lies.
 */
export const SECRET_PREFIX = 'hsec:v1:';
/** What admin responses and CLI output show instead of a secret value. */
export const SECRET_MASK = '******';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
/** Binds the ciphertexts to their role, so a wrapped data key is never accepted as a value. */
const VALUE_AAD = Buffer.from('houston secret value v1');
const KEY_AAD = Buffer.from('houston data key v1');

function seal(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

function undecryptable(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('UNAVAILABLE', message, details);
}

export function isSecretEnvelope(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.startsWith(SECRET_PREFIX);
}

/** The id of the master key that wraps a value's data key, or undefined for a clear value. */
export function secretKeyIdOf(value: string): string | undefined {
  if (!isSecretEnvelope(value)) return undefined;
  const id = value.slice(SECRET_PREFIX.length).split(':', 1)[0];
  return id || undefined;
}

/**
 * Envelope encryption: a fresh AES-256-GCM data key per value encrypts the value and is itself
 * wrapped (AES-256-GCM) by the ring's primary master key. Format:
 * `hsec:v1:<masterKeyId>:<base64url wrapped data key>:<base64url iv|ciphertext|tag>`.
 */
export function encryptSecret(plain: string, ring: MasterKeyRing): string {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const wrapped = seal(ring.primary.key, dataKey, KEY_AAD);
    const body = seal(dataKey, Buffer.from(plain, 'utf8'), VALUE_AAD);
    return `${SECRET_PREFIX}${ring.primary.id}:${wrapped.toString('base64url')}:${body.toString('base64url')}`;
  } finally {
    dataKey.fill(0);
  }
}

/** The clear value; a clear (non-envelope) input is returned as it is. */
export function decryptSecret(value: string, ring: MasterKeyRing): string {
  if (!isSecretEnvelope(value)) return value;
  const parts = value.slice(SECRET_PREFIX.length).split(':');
  if (parts.length !== 3) throw undecryptable('a secret value is malformed');
  const [keyId, wrapped, body] = parts as [string, string, string];
  const master = findMasterKey(ring, keyId);
  if (!master)
    throw undecryptable(`a secret value is encrypted under master key "${keyId}", which is not configured`, {
      keyId,
    });
  let dataKey: Buffer | undefined;
  try {
    dataKey = open(master.key, Buffer.from(wrapped, 'base64url'), KEY_AAD);
    return open(dataKey, Buffer.from(body, 'base64url'), VALUE_AAD).toString('utf8');
  } catch {
    throw undecryptable(`a secret value does not decrypt under master key "${keyId}"`, { keyId });
  } finally {
    dataKey?.fill(0);
  }
}

/** Whether re-encryption would change this value: it is wrapped by a key other than the primary. */
export function needsReencryption(value: string, ring: MasterKeyRing): boolean {
  const id = secretKeyIdOf(value);
  return id !== undefined && id !== ring.primary.id;
}

/** Re-wraps a value under the ring's primary key; values already there are returned unchanged. */
export function reencryptSecret(value: string, ring: MasterKeyRing): string {
  if (!needsReencryption(value, ring)) return value;
  return encryptSecret(decryptSecret(value, ring), ring);
}

/** A clear value must never look encrypted, else it would be decrypted (and fail) on its way out. */
export function assertNotSecretEnvelope(value: string, field = 'value'): void {
  if (isSecretEnvelope(value))
    throw new DomainError('VALIDATION_FAILED', `a value may not start with "${SECRET_PREFIX}"`, { field });
}

/** Decrypts every envelope in a key→value map (a release's configurations); clear values pass. */
export function decryptConfigurations(
  configurations: Readonly<Record<string, string>>,
  ring: MasterKeyRing | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(configurations)) {
    if (!isSecretEnvelope(value)) out[key] = value;
    else if (!ring) throw undecryptable('a release holds secret values but no master key is configured');
    else out[key] = decryptSecret(value, ring);
  }
  return out;
}

/** Replaces every envelope in a key→value map with the mask, for listings and diffs. */
export function maskConfigurations(configurations: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(configurations))
    out[key] = isSecretEnvelope(value) ? SECRET_MASK : value;
  return out;
}

/**
 * Replaces every envelope found anywhere in a JSON-like value (a commit's change sets, a diff)
 * with the mask; other values are copied as they are.
 */
export function maskSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return (isSecretEnvelope(value) ? SECRET_MASK : value) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => maskSecretsDeep(entry)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, maskSecretsDeep(entry)]),
    ) as T;
  return value;
}

/** Re-wraps every envelope found anywhere in a JSON-like value (a release map, commit change sets). */
export function reencryptSecretsDeep<T>(value: T, ring: MasterKeyRing): T {
  if (typeof value === 'string') return reencryptSecret(value, ring) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => reencryptSecretsDeep(entry, ring)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
        key,
        reencryptSecretsDeep(entry, ring),
      ]),
    ) as T;
  return value;
}
