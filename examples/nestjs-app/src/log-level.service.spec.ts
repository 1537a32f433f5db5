import { levelsFrom } from './log-level.service';

describe('levelsFrom', () => {
  it('gives the named level and every more severe one', () => {
    expect(levelsFrom('warn')).toEqual(['warn', 'error', 'fatal']);
    expect(levelsFrom(' DEBUG ')).toEqual(['debug', 'log', 'warn', 'error', 'fatal']);
  });

  it('rejects unknown names', () => {
    expect(levelsFrom('loud')).toBeUndefined();
  });
});
