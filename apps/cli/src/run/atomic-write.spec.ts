import { readIfExists, writeFileAtomic, writeIfChanged, type WriterFs } from './atomic-write';

/** An in-memory file system that records every operation, so the order of writes can be checked. */
function fakeFs(files: Record<string, { text: string; mode: number }> = {}) {
  const log: string[] = [];
  const missing = (path: string) => Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
  const fs: WriterFs & { log: string[]; files: typeof files; failRename?: boolean } = {
    log,
    files,
    async readFile(path) {
      log.push(`read ${path}`);
      if (!files[path]) throw missing(path);
      return files[path].text;
    },
    async writeFile(path, data, options) {
      log.push(`write ${path} mode=${options.mode?.toString(8)} flag=${options.flag}`);
      if (options.flag === 'wx' && files[path]) throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
      files[path] = { text: data, mode: options.mode ?? 0o644 };
    },
    async rename(from, to) {
      log.push(`rename ${from} -> ${to}`);
      if (fs.failRename) throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
      files[to] = files[from]!;
      delete files[from];
    },
    async unlink(path) {
      log.push(`unlink ${path}`);
      delete files[path];
    },
    async mkdir(path) {
      log.push(`mkdir ${path}`);
    },
    async stat(path) {
      if (!files[path]) throw missing(path);
      return { mode: 0o100000 | files[path].mode };
    },
  };
  return fs;
}

describe('writeFileAtomic', () => {
  it('writes a temporary file beside the target and renames it over the target', async () => {
    const fs = fakeFs();
    await writeFileAtomic('/etc/app/app.conf', 'a=1\n', fs);
    expect(fs.files).toEqual({ '/etc/app/app.conf': { text: 'a=1\n', mode: 0o644 } });
    const [mkdir, write, rename] = fs.log;
    expect(mkdir).toBe('mkdir /etc/app');
    expect(write).toMatch(/^write \/etc\/app\/\.app\.conf\.\d+\.[0-9a-f]{8}\.tmp mode=644 flag=wx$/);
    expect(rename).toMatch(
      /^rename \/etc\/app\/\.app\.conf\.\d+\.[0-9a-f]{8}\.tmp -> \/etc\/app\/app\.conf$/,
    );
    expect(fs.log.some((line) => line.startsWith('write /etc/app/app.conf'))).toBe(false);
  });

  it("keeps the old file's permissions", async () => {
    const fs = fakeFs({ '/srv/secret.conf': { text: 'old', mode: 0o600 } });
    await writeFileAtomic('/srv/secret.conf', 'new', fs);
    expect(fs.files['/srv/secret.conf']).toEqual({ text: 'new', mode: 0o600 });
  });

  it('removes the temporary file and leaves the old one when the rename fails', async () => {
    const fs = fakeFs({ '/srv/app.conf': { text: 'old', mode: 0o644 } });
    fs.failRename = true;
    await expect(writeFileAtomic('/srv/app.conf', 'new', fs)).rejects.toThrow('EXDEV');
    expect(fs.files).toEqual({ '/srv/app.conf': { text: 'old', mode: 0o644 } });
    expect(fs.log.at(-1)).toMatch(/^unlink \/srv\/\.app\.conf\./);
  });
});

describe('writeIfChanged and readIfExists', () => {
  it('does not touch a file that already holds the text', async () => {
    const fs = fakeFs({ '/srv/app.conf': { text: 'same', mode: 0o644 } });
    expect(await writeIfChanged('/srv/app.conf', 'same', fs)).toBe(false);
    expect(fs.log).toEqual(['read /srv/app.conf']);
  });

  it('writes a changed or missing file', async () => {
    const fs = fakeFs({ '/srv/app.conf': { text: 'old', mode: 0o644 } });
    expect(await writeIfChanged('/srv/app.conf', 'new', fs)).toBe(true);
    expect(await writeIfChanged('/srv/other.conf', 'x', fs)).toBe(true);
    expect(fs.files['/srv/app.conf']!.text).toBe('new');
    expect(fs.files['/srv/other.conf']!.text).toBe('x');
  });

  it('gives undefined for a missing file', async () => {
    expect(await readIfExists('/nowhere', fakeFs())).toBeUndefined();
  });
});
