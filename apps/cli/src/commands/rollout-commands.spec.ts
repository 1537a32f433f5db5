import { parseSteps } from './rollout-commands';

describe('houston rollout start --steps', () => {
  it('reads percentages with their bake times, the last without one', () => {
    expect(parseSteps('1:10m, 10:30m,100')).toEqual([
      { percentage: 1, bakeTime: '10m' },
      { percentage: 10, bakeTime: '30m' },
      { percentage: 100 },
    ]);
    expect(parseSteps('12.5:1h,100')[0]).toEqual({ percentage: 12.5, bakeTime: '1h' });
  });

  it('refuses what is not <percentage>[:<bake time>] as a usage error', () => {
    for (const bad of ['', 'ten:1m,100', '1:1m:2,100', '1:1m,,100']) {
      expect(() => parseSteps(bad)).toThrow(expect.objectContaining({ exitCode: 2 }));
    }
  });
});
