import { strToU8, zipSync } from 'fflate';
import { boundedUnzip, ZipRefused, type UnzipLimits } from './bounded-unzip';

const limits: UnzipLimits = {
  maxZipBytes: 1 << 20,
  maxEntries: 10,
  maxEntryBytes: 100_000,
  maxTotalBytes: 300_000,
};

function refusal(zip: Uint8Array, given = limits): ZipRefused {
  try {
    boundedUnzip(zip, given);
  } catch (error) {
    if (error instanceof ZipRefused) return error;
    throw error;
  }
  throw new Error('was not refused');
}

describe('boundedUnzip', () => {
  it('reads every entry of an ordinary archive', () => {
    const zip = zipSync({ 'a/b.txt': strToU8('hello'), 'c.json': strToU8('[]'), 'dir/': new Uint8Array(0) });
    const entries = boundedUnzip(zip, limits);
    expect(entries.map((e) => [e.path, Buffer.from(e.data).toString()])).toEqual([
      ['a/b.txt', 'hello'],
      ['c.json', '[]'],
    ]);
  });

  it('stops a zip bomb by the bytes it inflates, whatever its headers say', () => {
    // 50 MB of zeros compresses to a few tens of kilobytes.
    const bomb = zipSync({ 'bomb.json': new Uint8Array(50_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const refused = refusal(bomb);
    expect(refused.status).toBe(413);
    expect(refused.message).toMatch(/bomb\.json inflates to more than 100000 bytes/);
  });

  it('limits the total as well as each entry', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 4; i++) files[`f${i}`] = new Uint8Array(90_000);
    expect(refusal(zipSync(files)).message).toMatch(/inflates to more than 300000 bytes/);
  });

  it('limits the number of entries and the size of the archive', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 11; i++) files[`f${i}`] = strToU8('x');
    expect(refusal(zipSync(files)).message).toMatch(/more than 10 entries/);
    expect(refusal(zipSync({ a: strToU8('x') }), { ...limits, maxZipBytes: 10 }).status).toBe(413);
  });

  it.each(['../evil', 'a/../../evil', '/etc/passwd', 'C:/evil', 'a\\..\\evil', 'a/./b'])(
    'refuses the path %p',
    (path) => {
      const refused = refusal(zipSync({ [path]: strToU8('x') }));
      expect(refused.status).toBe(400);
    },
  );

  it('refuses what is not a zip archive', () => {
    expect(refusal(strToU8('just text')).message).toMatch(/not a zip/);
    expect(refusal(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])).status).toBe(400);
    // An archive cut in the middle of an entry.
    const whole = zipSync({ 'a.json': strToU8('x'.repeat(1000)) }, { level: 0 });
    expect(refusal(whole.subarray(0, 200)).message).toMatch(/cut short|no files|cannot be read/);
  });
});
