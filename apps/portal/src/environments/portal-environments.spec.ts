import { formatPortalEnvironments, parsePortalEnvironments } from './portal-environments';

describe('parsePortalEnvironments', () => {
  it('reads environments and their meta-servers in order, names upper-case', () => {
    const parsed = parsePortalEnvironments(
      ' dev=http://meta1:8080, http://meta2:8080 ;PRO=https://meta.example;',
    );
    expect(parsed).toEqual([
      { name: 'DEV', metaServerUrls: ['http://meta1:8080', 'http://meta2:8080'] },
      { name: 'PRO', metaServerUrls: ['https://meta.example'] },
    ]);
    expect(formatPortalEnvironments(parsed)).toBe(
      'DEV=http://meta1:8080,http://meta2:8080;PRO=https://meta.example',
    );
  });

  it('says what is wrong', () => {
    expect(() => parsePortalEnvironments('http://meta1')).toThrow(/NAME=/);
    expect(() => parsePortalEnvironments('DEV=')).toThrow(/DEV has no meta-server/);
    expect(() => parsePortalEnvironments('DEV=http://a;dev=http://b')).toThrow(/DEV is given twice/);
    expect(() => parsePortalEnvironments('DEV=ftp://a')).toThrow(/http or https/);
    expect(() => parsePortalEnvironments('DEV=meta1:8080')).toThrow(/http or https|absolute/);
    expect(() => parsePortalEnvironments('1DEV=http://a')).toThrow(/name "1DEV"/);
  });
});
