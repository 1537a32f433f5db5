import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/**
 * What a unit test (`*.spec.ts`) may not do: open a socket or a file. Each entry is a sign of it in
 * the source; a test that needs one belongs in the end-to-end tier (`*.e2e-spec.ts`).
 */
const IO: Array<[string, RegExp]> = [
  ['imports a socket module', /^import (?!type\b)[^;]*from '(node:)?(http|https|net|dgram|http2|tls)'/m],
  ['starts a server', /\bcreateServer\(|\.listen\(/],
  ['makes a scratch directory', /\bmkdtemp(Sync)?\(|\btmpdir\(\)/],
  ['opens a database file', /\b(createDataSource|openDatabase)\(\{[^}]*sqlite:(?!:memory:)/],
  [
    'runs a server, Redis or MariaDB',
    /\b(startAllInOne|startServerProcess|startHoustonProcess|FakeConsulServer)\b|new Redis\(|createConnection\(/,
  ],
  ['spawns a process', /from '(node:)?child_process'/],
];

describe('the unit tier', () => {
  it('opens no socket and no file: tests that do are end-to-end tests', () => {
    const specs = execFileSync('git', ['ls-files', '*.spec.ts'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && !file.startsWith('apps/portal-web/src/'));
    expect(specs.length).toBeGreaterThan(100);
    const offenders = specs.flatMap((file) => {
      const source = readFileSync(join(root, file), 'utf8');
      return IO.filter(([, sign]) => sign.test(source)).map(([what]) => `${file} ${what}`);
    });
    expect(offenders).toEqual([]);
  });
});
