import { defaultReleaseTitle } from './release-title';

describe('defaultReleaseTitle', () => {
  it("is the time in the person's time zone, not UTC", () => {
    const at = new Date('2026-01-15T23:30:05Z');
    expect(defaultReleaseTitle('gray', at, 'Asia/Shanghai')).toBe('20260116073005-gray');
    expect(defaultReleaseTitle('merge', at, 'America/New_York')).toBe('20260115183005-merge');
    expect(defaultReleaseTitle('release', new Date('2026-03-01T00:00:00Z'), 'UTC')).toBe(
      '20260301000000-release',
    );
  });

  it("defaults to the browser's time zone", () => {
    const local = new Date(2026, 6, 4, 9, 5, 7);
    expect(defaultReleaseTitle('gray', local)).toBe('20260704090507-gray');
  });
});
