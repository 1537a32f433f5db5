import { planSync } from './sync-text';

const target = ['# settings', 'timeout = 100', '', 'retries = 3', 'old = gone soon'].join('\n');
const source = new Map([
  ['timeout', '200'],
  ['retries', '3'],
  ['fresh', 'new value'],
]);

describe('planSync', () => {
  it('creates, updates and deletes only the chosen keys, keeping every other line', () => {
    const plan = planSync('properties', source, target, ['timeout', 'fresh', 'old', 'retries']);
    expect(plan).toEqual({
      configText: ['# settings', 'timeout = 200', '', 'retries = 3', 'fresh = new value'].join('\n'),
      created: ['fresh'],
      updated: ['timeout'],
      deleted: ['old'],
    });
  });

  it('leaves keys that were not chosen alone, even when they differ', () => {
    const plan = planSync('properties', source, target, ['fresh']);
    expect(plan.configText).toContain('timeout = 100');
    expect(plan.configText).toContain('old = gone soon');
    expect(plan.created).toEqual(['fresh']);
  });

  it('changes nothing when the chosen keys are equal already, or missing on both sides', () => {
    expect(planSync('properties', source, target, ['retries', 'nowhere'])).toMatchObject({
      configText: target,
      created: [],
      updated: [],
      deleted: [],
    });
  });

  it('escapes what properties text must escape, so the value arrives unchanged', () => {
    const plan = planSync('properties', new Map([['k', 'a=b\nc']]), '', ['k']);
    expect(plan.configText).not.toBe('k = a=b\nc');
    expect(plan.created).toEqual(['k']);
  });

  it('replaces the whole document of other formats', () => {
    expect(planSync('yaml', new Map([['content', 'a: 2']]), 'a: 1', ['content'])).toEqual({
      configText: 'a: 2',
      created: [],
      updated: ['content'],
      deleted: [],
    });
  });
});
