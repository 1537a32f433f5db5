import { parseBenchArgs } from './args';

const SECTIONS = ['read', 'fanout', 'hostile'];

describe('parseBenchArgs', () => {
  it('runs every section with no arguments', () => {
    expect(parseBenchArgs([], SECTIONS)).toEqual({
      kind: 'run',
      options: {
        sections: SECTIONS,
        smoke: false,
        profile: false,
        installEtcd: false,
        fanoutClients: undefined,
        fanoutPaths: undefined,
      },
    });
  });

  it('answers --help with the usage and runs nothing, whatever else is given', () => {
    const parsed = parseBenchArgs(['--only', 'read', '--help'], SECTIONS);
    expect(parsed.kind).toBe('help');
    expect(parsed.kind === 'help' && parsed.text).toContain('--only a,b');
    expect(parsed.kind === 'help' && parsed.text).toContain('read, fanout, hostile');
  });

  it('refuses an unknown flag instead of running everything', () => {
    expect(parseBenchArgs(['--hlep'], SECTIONS)).toEqual({
      kind: 'error',
      message: 'unknown argument --hlep; --help lists the options',
    });
    expect(parseBenchArgs(['read'], SECTIONS).kind).toBe('error');
  });

  it('reads the valued options', () => {
    const parsed = parseBenchArgs(
      ['--smoke', '--only', 'fanout', '--fanout-clients', '1000,10000', '--fanout-paths', 'redis'],
      SECTIONS,
    );
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        sections: ['fanout'],
        smoke: true,
        profile: false,
        installEtcd: false,
        fanoutClients: [1000, 10000],
        fanoutPaths: ['redis'],
      },
    });
  });

  it('names what is wrong with a value', () => {
    expect(parseBenchArgs(['--only'], SECTIONS)).toEqual({ kind: 'error', message: '--only needs a value' });
    expect(parseBenchArgs(['--only', 'reed'], SECTIONS)).toMatchObject({
      kind: 'error',
      message: 'unknown section(s): reed; known: read, fanout, hostile',
    });
    expect(parseBenchArgs(['--fanout-clients', '0'], SECTIONS).kind).toBe('error');
    expect(parseBenchArgs(['--fanout-paths', 'kafka'], SECTIONS).kind).toBe('error');
  });
});
