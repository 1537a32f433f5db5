import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirOf, embeddedPortalDatabase } from './embedded-files';

describe("the embedded default's files", () => {
  let cwd: string;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'houston-files-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('keeps them beside a SQLite file, and in data/ otherwise', () => {
    expect(dataDirOf('sqlite:/var/lib/houston/houston.sqlite')).toBe('/var/lib/houston');
    expect(dataDirOf('sqlite:data/houston.sqlite')).toBe('data');
    expect(dataDirOf('sqlite::memory:')).toBe('data');
    expect(dataDirOf('mysql://root@127.0.0.1:3306/houston')).toBe('data');
  });

  it("puts the portal's database beside the configuration's", () => {
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'state', 'portal.sqlite')}`);
    expect(embeddedPortalDatabase('data', warn, cwd)).toBe(`sqlite:${join(cwd, 'data', 'portal.sqlite')}`);
    expect(warnings).toEqual([]);
  });

  it('goes on with one an earlier version left in data/, saying where to move it', () => {
    mkdirSync(join(cwd, 'data'));
    writeFileSync(join(cwd, 'data', 'portal.sqlite'), '');
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'data', 'portal.sqlite')}`);
    expect(warnings).toEqual([
      `the portal's database is ${join(cwd, 'data', 'portal.sqlite')}: move it to ${join(cwd, 'state', 'portal.sqlite')}, beside the configuration's, or set HOUSTON_PORTAL_DB_URL`,
    ]);
    // Once moved (or once one exists beside), the one beside wins.
    mkdirSync(join(cwd, 'state'));
    writeFileSync(join(cwd, 'state', 'portal.sqlite'), '');
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'state', 'portal.sqlite')}`);
  });
});
