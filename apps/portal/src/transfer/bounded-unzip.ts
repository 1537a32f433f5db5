import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

export interface UnzipLimits {
  /** The zip itself (compressed bytes). */
  maxZipBytes: number;
  maxEntries: number;
  /** One entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
}

export interface ZipEntry {
  /** The entry's path, `/`-separated, checked to stay inside the archive. */
  path: string;
  data: Uint8Array;
}

/** Why an archive was refused: too big (413) or not something to take (400). */
export class ZipRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

/** Compressed bytes handed to the inflater at a time: deflate expands 1032:1 at most, so one step stays small. */
const SLICE = 8 * 1024;

/**
 * Unzips an archive held in memory without trusting what it says about itself: the sizes in its
 * headers are ignored and the bytes actually inflated are counted as they come, per entry and in
 * total, so a zip bomb is stopped after at most one slice beyond a limit. Paths that could point
 * outside the archive (absolute, `..`, backslashes, drive letters, control characters) are refused.
 */
export function boundedUnzip(zip: Uint8Array, limits: UnzipLimits): ZipEntry[] {
  if (zip.length > limits.maxZipBytes) {
    throw new ZipRefused(
      `the archive is ${zip.length} bytes, more than the ${limits.maxZipBytes} allowed`,
      413,
    );
  }
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new ZipRefused('this is not a zip archive', 400);
  const entries: ZipEntry[] = [];
  let total = 0;
  let refused: ZipRefused | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file) => {
    if (refused) return;
    if (entries.length >= limits.maxEntries) {
      refused = new ZipRefused(`the archive has more than ${limits.maxEntries} entries`, 413);
      return;
    }
    const problem = pathProblem(file.name);
    if (problem) {
      refused = new ZipRefused(`entry ${JSON.stringify(file.name.slice(0, 200))}: ${problem}`, 400);
      return;
    }
    if (file.name.endsWith('/')) return; // a directory
    const chunks: Uint8Array[] = [];
    let size = 0;
    const entry: ZipEntry & { done?: boolean } = { path: file.name, data: new Uint8Array(0) };
    entries.push(entry);
    file.ondata = (error, chunk, final) => {
      if (refused) return;
      if (error) {
        refused = new ZipRefused(`entry ${file.name}: ${error.message}`, 400);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        refused = new ZipRefused(
          `entry ${file.name} inflates to more than ${limits.maxEntryBytes} bytes`,
          413,
        );
      } else if (total > limits.maxTotalBytes) {
        refused = new ZipRefused(`the archive inflates to more than ${limits.maxTotalBytes} bytes`, 413);
      }
      if (refused) {
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        entry.data = concat(chunks, size);
        entry.done = true;
      }
    };
    try {
      file.start();
    } catch (error) {
      refused ??= new ZipRefused(`entry ${file.name}: ${(error as Error).message}`, 400);
    }
  };
  try {
    for (let offset = 0; offset < zip.length && !refused; offset += SLICE) {
      unzip.push(zip.subarray(offset, offset + SLICE), offset + SLICE >= zip.length);
    }
  } catch (error) {
    refused ??= new ZipRefused(`the archive cannot be read: ${(error as Error).message}`, 400);
  }
  if (refused) throw refused;
  const cut = entries.find((entry) => !(entry as { done?: boolean }).done);
  if (cut) throw new ZipRefused(`entry ${cut.path} is cut short: the archive is incomplete`, 400);
  if (entries.length === 0) throw new ZipRefused('the archive holds no files', 400);
  return entries.map(({ path, data }) => ({ path, data }));
}

function pathProblem(name: string): string | undefined {
  if (name === '' || name.length > 512) return 'an empty or overlong path';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return 'a control character in the path';
  if (name.includes('\\')) return 'a backslash in the path';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((part) => part === '..' || part === '.')) return 'a path that leaves the archive';
  return undefined;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
