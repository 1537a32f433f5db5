import { namespaceFormat, normalizeNamespace } from './namespace-name';
import { NamespaceSnapshot } from './namespace-snapshot';
import { loadYaml } from './yaml-loader';

const snapshot = (name: string, configurations: Record<string, string>) =>
  new NamespaceSnapshot(name, { configurations, releaseKey: 'rk', source: 'server' });

describe('NamespaceSnapshot getters', () => {
  const ns = snapshot('application', {
    s: 'text',
    n: ' 42.5 ',
    bad: 'forty',
    empty: '',
    t1: 'TRUE',
    t2: 'yes',
    t3: 'On',
    t4: '1',
    f1: 'false',
    f2: 'No',
    f3: 'off',
    f4: '0',
    maybe: 'perhaps',
    json: '{"a":[1,2]}',
    brokenJson: '{a',
    list: ' a, b ,,c , ',
    pipes: 'x|y| z',
  });

  it('reads strings with and without a default', () => {
    expect(ns.getString('s')).toBe('text');
    expect(ns.getString('missing')).toBeUndefined();
    expect(ns.getString('missing', 'dflt')).toBe('dflt');
    expect(ns.getString('empty', 'dflt')).toBe('');
  });

  it('reads numbers, giving the default for unparsable or empty values (never NaN)', () => {
    expect(ns.getNumber('n')).toBe(42.5);
    expect(ns.getNumber('bad', 7)).toBe(7);
    expect(ns.getNumber('bad')).toBeUndefined();
    expect(ns.getNumber('empty', 3)).toBe(3);
    expect(ns.getNumber('missing', 1)).toBe(1);
  });

  it('reads booleans from true/false/1/0/yes/no/on/off', () => {
    for (const key of ['t1', 't2', 't3', 't4']) expect(ns.getBoolean(key)).toBe(true);
    for (const key of ['f1', 'f2', 'f3', 'f4']) expect(ns.getBoolean(key, true)).toBe(false);
    expect(ns.getBoolean('maybe', true)).toBe(true);
    expect(ns.getBoolean('maybe')).toBeUndefined();
    expect(ns.getBoolean('missing', false)).toBe(false);
  });

  it('reads JSON values, giving the default for invalid JSON', () => {
    expect(ns.getJson<{ a: number[] }>('json')).toEqual({ a: [1, 2] });
    expect(ns.getJson('brokenJson', { ok: false })).toEqual({ ok: false });
    expect(ns.getJson('missing')).toBeUndefined();
  });

  it('reads arrays: split, trimmed, empties dropped', () => {
    expect(ns.getArray('list')).toEqual(['a', 'b', 'c']);
    expect(ns.getArray('pipes', '|')).toEqual(['x', 'y', 'z']);
    expect(ns.getArray('missing')).toEqual([]);
    expect(ns.getArray('missing', ',', ['d'])).toEqual(['d']);
  });

  it('lists keys and returns a copy of all values', () => {
    expect(ns.keys()).toContain('json');
    const all = ns.all();
    all['s'] = 'changed';
    expect(ns.getString('s')).toBe('text');
  });

  it('has no document or parsed form for a properties namespace', () => {
    expect(ns.format).toBe('properties');
    expect(ns.content()).toBeUndefined();
    expect(() => ns.parsed()).toThrow(/only json and yaml/);
  });

  it('swaps data in place so kept references stay current', () => {
    const live = snapshot('application', { a: '1' });
    live.replace({ configurations: { a: '2' }, releaseKey: 'rk2', source: 'cache' });
    expect(live.getString('a')).toBe('2');
    expect(live.releaseKey).toBe('rk2');
    expect(live.source).toBe('cache');
  });
});

describe('document namespaces', () => {
  it('parses a json namespace', () => {
    const ns = snapshot('settings.json', { content: '{"pool":{"size":8}}' });
    expect(ns.format).toBe('json');
    expect(ns.content()).toBe('{"pool":{"size":8}}');
    expect(ns.parsed<{ pool: { size: number } }>().pool.size).toBe(8);
  });

  it('parses a yaml namespace once the optional yaml package is loaded', async () => {
    expect(await loadYaml()).toBe(true);
    const ns = snapshot('app.yaml', { content: 'pool:\n  size: 8\nhosts: [a, b]\n' });
    expect(ns.parsed()).toEqual({ pool: { size: 8 }, hosts: ['a', 'b'] });
    expect(snapshot('app.yml', { content: 'x: 1' }).parsed()).toEqual({ x: 1 });
  });

  it('gives the raw document of xml and txt namespaces but does not parse them', () => {
    const xml = snapshot('beans.xml', { content: '<a/>' });
    expect(xml.content()).toBe('<a/>');
    expect(() => xml.parsed()).toThrow();
    expect(snapshot('notes.txt', {}).content()).toBeUndefined();
  });
});

describe('namespace names', () => {
  it('strips .properties and derives the format from the suffix', () => {
    expect(normalizeNamespace('application.PROPERTIES')).toBe('application');
    expect(normalizeNamespace('app.yaml')).toBe('app.yaml');
    expect(namespaceFormat('FX.apollo')).toBe('properties');
    expect(namespaceFormat('a.YML')).toBe('yml');
    expect(namespaceFormat('a.txt')).toBe('txt');
  });
});
