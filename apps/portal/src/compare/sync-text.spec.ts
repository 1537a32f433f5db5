import { planSync } from './sync-text';

const target = ['# settings', 'timeout = 100', '', 'retries = 3', 'old = gone soon'].join('\n');
const source = new Map([
  ['timeout', { value: '200', comment: 'milliseconds' }],
  ['retries', { value: '3', comment: 'a comment the target lacks' }],
  ['fresh', { value: 'new value', comment: 'made by the sync' }],
]);

describe('planSync', () => {
  it('creates, updates and deletes only the chosen keys, keeping every other line', () => {
    const plan = planSync('properties', source, target, ['timeout', 'fresh', 'old', 'retries']);
    expect(plan).toEqual({
      configText: ['# settings', 'timeout = 200', '', 'retries = 3', 'fresh = new value'].join('\n'),
      // As Apollo: the source's comment goes with a created or updated value, not alone.
      comments: { fresh: 'made by the sync', timeout: 'milliseconds' },
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
      comments: {},
      created: [],
      updated: [],
      deleted: [],
    });
  });

  it('escapes what properties text must escape, so the value arrives unchanged', () => {
    const plan = planSync('properties', new Map([['k', { value: 'a=b\nc' }]]), '', ['k']);
    expect(plan.configText).not.toBe('k = a=b\nc');
    expect(plan.created).toEqual(['k']);
  });

  it('replaces the whole document of other formats', () => {
    expect(planSync('yaml', new Map([['content', { value: 'a: 2' }]]), 'a: 1', ['content'])).toEqual({
      configText: 'a: 2',
      comments: {},
      created: [],
      updated: ['content'],
      deleted: [],
    });
  });
});
