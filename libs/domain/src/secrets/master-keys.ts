import { DomainError } from '../errors/domain-error';

/** AES-256: every master key is exactly 32 bytes. */
export const MASTER_KEY_BYTES = 32;
const KEY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;
/** A ring holds a handful of keys while one is rotated; a longer list is a mistake, not a need. */
export const MAX_MASTER_KEYS = 16;

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The master keys a server holds. The first one wraps every new data key; all of them unwrap, so
 * a new key is added in front, everything is re-encrypted, and only then the old one is dropped.
 */
export interface MasterKeyRing {
  readonly primary: MasterKey;
  readonly keys: readonly MasterKey[];
}

export function findMasterKey(ring: MasterKeyRing, id: string): MasterKey | undefined {
  return ring.keys.find((key) => key.id === id);
}

function invalid(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('VALIDATION_FAILED', message, details);
}

/**
 * Reads `id1:base64key,id2:base64key` (commas or new lines between entries; `#` starts a comment
 * line, so a key file can say what each key is). Errors never quote key material.
 */
export function parseMasterKeys(raw: string): MasterKeyRing {
  if (raw.length > 64 * 1024) throw invalid('the master key list is longer than 64 KiB');
  // Comment lines go first, whole: a comma or colon inside one is not an entry.
  const entries = raw
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw invalid('no master key given (expected id:base64key[,id:base64key…])');
  if (entries.length > MAX_MASTER_KEYS)
    throw invalid(`at most ${MAX_MASTER_KEYS} master keys`, { count: entries.length });
  const keys: MasterKey[] = [];
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw invalid(`entry ${index + 1} is not id:base64key`, { entry: index + 1 });
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id))
      throw invalid(`entry ${index + 1}: key id must be 1-32 of A-Z a-z 0-9 _ . -`, { entry: index + 1 });
    if (keys.some((key) => key.id === id)) throw invalid(`key id "${id}" is given twice`, { id });
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw invalid(`key "${id}" is not base64`, { id });
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== MASTER_KEY_BYTES)
      throw invalid(`key "${id}" must decode to ${MASTER_KEY_BYTES} bytes, got ${key.length}`, {
        id,
        bytes: key.length,
      });
    keys.push({ id, key });
  });
  return { primary: keys[0]!, keys };
}
