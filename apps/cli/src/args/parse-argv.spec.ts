import { UsageError } from '../cli-errors';
import { ALL_OPTIONS } from './cli-options';
import { listOption, parseArgv, stringOption, wholeNumberOption } from './parse-argv';

describe('parseArgv', () => {
  it('separates positionals, options anywhere, and the program after --', () => {
    const parsed = parseArgv(
      [
        'run',
        '--app',
        'demo',
        '-n',
        'application',
        '--namespace=app.yaml',
        '--json',
        '--',
        'nginx',
        '-g',
        'daemon off;',
      ],
      ALL_OPTIONS,
    );
    expect(parsed.positionals).toEqual(['run']);
    expect(parsed.options).toEqual({ app: 'demo', namespace: ['application', 'app.yaml'], json: true });
    expect(parsed.rest).toEqual(['nginx', '-g', 'daemon off;']);
  });

  it('reads short options with the value attached', () => {
    expect(parseArgv(['-napp.yaml'], ALL_OPTIONS).options).toEqual({ namespace: ['app.yaml'] });
  });

  it('keeps values that look like negative numbers or a lone dash as positionals', () => {
    expect(parseArgv(['items', 'set', 'delta', '-5'], ALL_OPTIONS).positionals).toEqual([
      'items',
      'set',
      'delta',
      '-5',
    ]);
    expect(parseArgv(['import', '-'], ALL_OPTIONS).positionals).toEqual(['import', '-']);
  });

  it('takes the next word as the value even when it starts with a dash', () => {
    expect(parseArgv(['--comment', '--not-an-option'], ALL_OPTIONS).options).toEqual({
      comment: '--not-an-option',
    });
  });

  it('refuses unknown options, a missing value and a value given to a flag', () => {
    expect(() => parseArgv(['--nope'], ALL_OPTIONS)).toThrow(new UsageError('unknown option --nope'));
    expect(() => parseArgv(['-x'], ALL_OPTIONS)).toThrow(UsageError);
    expect(() => parseArgv(['--app'], ALL_OPTIONS)).toThrow(new UsageError('--app needs a value'));
    expect(() => parseArgv(['--app', '--', 'x'], ALL_OPTIONS)).toThrow(UsageError);
    expect(() => parseArgv(['--json=yes'], ALL_OPTIONS)).toThrow(new UsageError('--json takes no value'));
  });

  it('lets the last of a repeated single option win', () => {
    const { options } = parseArgv(['--app', 'a', '--app', 'b', '-t', 'x:y', '-t', 'z:w'], ALL_OPTIONS);
    expect(stringOption(options, 'app')).toBe('b');
    expect(listOption(options, 'template')).toEqual(['x:y', 'z:w']);
    expect(listOption(options, 'namespace')).toEqual([]);
  });
});

describe('wholeNumberOption', () => {
  it('reads a whole number, the last one when repeated, and nothing when absent', () => {
    expect(wholeNumberOption({ 'timeout-ms': '5000' }, 'timeout-ms')).toBe(5000);
    expect(wholeNumberOption({ size: ['10', '20'] }, 'size')).toBe(20);
    expect(wholeNumberOption({}, 'size')).toBeUndefined();
  });

  it('refuses anything else as a usage error naming the option', () => {
    for (const bad of ['5s', '-1', '1.5', '', ' 5']) {
      expect(() => wholeNumberOption({ 'timeout-ms': bad }, 'timeout-ms')).toThrow(
        new UsageError('--timeout-ms must be a whole number'),
      );
    }
  });
});
