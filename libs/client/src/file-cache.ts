import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedNamespace {
  appId: string;
  cluster: string;
  namespace: string;
  releaseKey: string;
  configurations: Record<string, string>;
  savedAt: string;
}

/**
 * One JSON file per namespace, so a service can start with its last known configuration when
 * every config-service is down. Writes go to a temporary file renamed over the old one: a
 * crash mid-write leaves the previous file whole, never a torn one.
 */
export interface FileCacheIo {
  mkdir: typeof mkdir;
  readFile: typeof readFile;
  writeFile: typeof writeFile;
  rename: typeof rename;
  unlink: typeof unlink;
}

export class FileCache {
  private readonly io: FileCacheIo;

  constructor(
    readonly dir: string,
    private readonly appId: string,
    private readonly cluster: string,
    io: Partial<FileCacheIo> = {},
  ) {
    this.io = { mkdir, readFile, writeFile, rename, unlink, ...io };
  }

  path(namespace: string): string {
    const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.dir, `${safe(this.appId)}+${safe(this.cluster)}+${safe(namespace)}.json`);
  }

  async read(namespace: string): Promise<CachedNamespace | undefined> {
    let text: string;
    try {
      text = await this.io.readFile(this.path(namespace), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = JSON.parse(text) as Partial<CachedNamespace>;
    if (
      typeof parsed.releaseKey !== 'string' ||
      typeof parsed.configurations !== 'object' ||
      !parsed.configurations
    )
      throw new Error(`${this.path(namespace)} is not a Houston cache file`);
    return parsed as CachedNamespace;
  }

  async write(namespace: string, releaseKey: string, configurations: Record<string, string>): Promise<void> {
    await this.io.mkdir(this.dir, { recursive: true });
    const target = this.path(namespace);
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const body: CachedNamespace = {
      appId: this.appId,
      cluster: this.cluster,
      namespace,
      releaseKey,
      configurations,
      savedAt: new Date().toISOString(),
    };
    try {
      await this.io.writeFile(tmp, JSON.stringify(body, null, 2));
      await this.io.rename(tmp, target);
    } catch (error) {
      await this.io.unlink(tmp).catch(() => undefined);
      throw error;
    }
  }
}
