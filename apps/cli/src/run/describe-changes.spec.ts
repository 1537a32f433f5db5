import { describeChanges } from './describe-changes';

describe('describeChanges', () => {
  it('names keys and how they changed, never values', () => {
    const pending = new Map([
      [
        'application',
        new Map([
          ['timeout', 'modified'],
          ['port', 'added'],
        ]),
      ],
      ['app.yaml', new Map([['content', 'modified']])],
    ]);
    expect(describeChanges(pending)).toBe(
      'application: timeout (modified), port (added); app.yaml: content (modified)',
    );
  });
});
