// The worst-case request of every kind the admin-service must refuse cheaply: documents that blow
// up parsers, bodies that blow up validation, bodies too large or not UTF-8. One list, so the
// suite that checks the answers (apps/all-in-one) and the bench section that times them
// (bench/sections/hostile.ts) always send the same bytes.

export interface HostilePayload {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  body: string | Buffer;
  expectStatus: number;
  expectCode: string;
  /** The server may also close the connection while the body is still being sent (refused early). */
  closedEarlyIsFine?: boolean;
}

function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Every kind, aimed at the namespaces `application`, `doc.yaml`, `doc.json` and `doc.xml` of `app`. */
export function hostilePayloads(app: string): HostilePayload[] {
  const ns = (name: string) => `/apps/${app}/clusters/default/namespaces/${name}`;
  const text = (configText: string) => JSON.stringify({ configText });
  const manyProperties: Record<string, string> = { key: 'k', value: 'v' };
  for (let i = 0; i < 80_000; i++) manyProperties[`extra${i}`] = 'x';
  // Seven anchors, each a list of nine references to the previous one: 9^7 nodes if expanded.
  const aliases = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (const [name, of] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf'].map((pair) => [...pair])) {
    aliases.push(`${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`);
  }
  return [
    {
      name: 'yaml of 1,000,000 `[`',
      method: 'PUT',
      path: `${ns('doc.yaml')}/items`,
      body: text('['.repeat(1_000_000)),
      expectStatus: 400,
      expectCode: 'INVALID_DOCUMENT',
    },
    {
      name: 'yaml nested flow sequences, 200 KiB',
      method: 'PUT',
      path: `${ns('doc.yaml')}/items`,
      body: text('[1, '.repeat(51_200)),
      expectStatus: 400,
      expectCode: 'INVALID_DOCUMENT',
    },
    {
      name: 'yaml alias bomb',
      method: 'PUT',
      path: `${ns('doc.yaml')}/items`,
      body: text(aliases.join('\n')),
      expectStatus: 400,
      expectCode: 'INVALID_DOCUMENT',
    },
    {
      name: 'json document nested 5,000 deep',
      method: 'PUT',
      path: `${ns('doc.json')}/items`,
      body: text(nestedJson(5_000)),
      expectStatus: 400,
      expectCode: 'INVALID_DOCUMENT',
    },
    {
      name: 'xml document nested 100,000 deep',
      method: 'PUT',
      path: `${ns('doc.xml')}/items`,
      body: text('<a>'.repeat(100_000)),
      expectStatus: 400,
      expectCode: 'INVALID_DOCUMENT',
    },
    {
      name: 'body with 80,000 unknown properties',
      method: 'POST',
      path: `${ns('application')}/items`,
      body: JSON.stringify(manyProperties),
      expectStatus: 400,
      expectCode: 'BAD_REQUEST',
    },
    {
      name: 'body nested 5,000 deep',
      method: 'POST',
      path: `${ns('application')}/items`,
      body: `{"key":"k","value":${nestedJson(5_000)}}`,
      expectStatus: 400,
      expectCode: 'BAD_REQUEST',
    },
    {
      name: 'body over the size limit (5 MiB)',
      method: 'POST',
      path: `${ns('application')}/items`,
      body: JSON.stringify({ key: 'k', value: 'v'.repeat(5 * 1024 * 1024) }),
      expectStatus: 413,
      expectCode: 'PAYLOAD_TOO_LARGE',
      closedEarlyIsFine: true,
    },
    {
      name: 'invalid UTF-8',
      method: 'POST',
      path: `${ns('application')}/items`,
      body: Buffer.concat([
        Buffer.from('{"key":"k","value":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
      expectStatus: 400,
      expectCode: 'BAD_REQUEST',
    },
  ];
}
