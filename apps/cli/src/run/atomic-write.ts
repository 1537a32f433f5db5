import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The few file operations the writer needs; the real `fs/promises` by default, a fake in unit tests. */
export interface WriterFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode?: number; flag?: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  stat(path: string): Promise<{ mode: number }>;
}

const nodeFs: WriterFs = fs as unknown as WriterFs;

function isMissing(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENOENT';
}

/** The file's text, or undefined when there is no such file. */
export async function readIfExists(path: string, fileSystem: WriterFs = nodeFs): Promise<string | undefined> {
  try {
    return await fileSystem.readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Replaces `path` with `text` so that a reader sees the old file or the new one, never half of
 * one: the text goes to a temporary file in the same directory (rename is atomic only within one
 * file system) which is then renamed over the target. The old file's permissions are kept.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  fileSystem: WriterFs = nodeFs,
): Promise<void> {
  const directory = dirname(path);
  await fileSystem.mkdir(directory, { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await fileSystem.stat(path)).mode & 0o7777;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await fileSystem.writeFile(temporary, text, { mode: mode ?? 0o644, flag: 'wx' });
    await fileSystem.rename(temporary, path);
  } catch (error) {
    await fileSystem.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Writes only when the text differs from what is there; says whether it wrote. */
export async function writeIfChanged(
  path: string,
  text: string,
  fileSystem: WriterFs = nodeFs,
): Promise<boolean> {
  if ((await readIfExists(path, fileSystem)) === text) return false;
  await writeFileAtomic(path, text, fileSystem);
  return true;
}
