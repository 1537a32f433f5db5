import * as fsPromises from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCache } from './file-cache';

describe('FileCache on a real directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'houston-cache-'))));
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one JSON file per namespace and reads it back', async () => {
    const cache = new FileCache(join(dir, 'nested'), 'demo', 'default');
    await cache.write('application', 'rk1', { a: '1' });
    await cache.write('app.yaml', 'rk2', { content: 'a: 1' });
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual([
      'demo+default+app.yaml.json',
      'demo+default+application.json',
    ]);
    expect(await cache.read('application')).toMatchObject({
      appId: 'demo',
      releaseKey: 'rk1',
      configurations: { a: '1' },
    });
    expect(await cache.read('missing')).toBeUndefined();
  });

  it('keeps file names safe whatever the namespace is called', () => {
    const cache = new FileCache(dir, 'a/b', 'c');
    expect(cache.path('../../etc/passwd')).toBe(join(dir, 'a_b+c+.._.._etc_passwd.json'));
  });

  it('never shows a reader a torn file while writes race', async () => {
    const cache = new FileCache(dir, 'demo', 'default');
    const big = (n: number) =>
      Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key.${i}`, `${n}`.repeat(50)]));
    await cache.write('application', 'rk0', big(0));
    let torn = 0;
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        try {
          JSON.parse(readFileSync(cache.path('application'), 'utf8'));
        } catch {
          torn++;
        }
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(Array.from({ length: 30 }, (_, n) => cache.write('application', `rk${n}`, big(n))));
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
    expect(readdirSync(dir)).toEqual(['demo+default+application.json']);
  });

  it('leaves the previous file whole and no temporary file when a write fails', async () => {
    const failing = jest.fn().mockRejectedValueOnce(new Error('disk full'));
    const cache = new FileCache(dir, 'demo', 'default', { rename: failing });
    await new FileCache(dir, 'demo', 'default').write('application', 'rk1', { a: '1' });
    await expect(cache.write('application', 'rk2', { a: '2' })).rejects.toThrow('disk full');
    expect((await cache.read('application'))!.releaseKey).toBe('rk1');
    expect(readdirSync(dir)).toEqual(['demo+default+application.json']);
  });

  it('rejects a file that is not a cache file', async () => {
    const cache = new FileCache(dir, 'demo', 'default');
    await fsPromises.writeFile(cache.path('application'), '{"hello":1}');
    await expect(cache.read('application')).rejects.toThrow(/not a Houston cache file/);
  });
});
