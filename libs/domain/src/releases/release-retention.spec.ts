import { releasesToPrune } from './release-retention';

describe('releasesToPrune', () => {
  it('keeps the newest releases and prunes the rest', () => {
    expect(releasesToPrune([9, 7, 5, 3, 1], 2, new Set())).toEqual([5, 3, 1]);
  });

  it('never prunes a protected release, however old', () => {
    expect(releasesToPrune([9, 7, 5, 3, 1], 2, new Set([3, 9]))).toEqual([5, 1]);
  });

  it('prunes nothing while the namespace holds no more than it keeps', () => {
    expect(releasesToPrune([2, 1], 2, new Set())).toEqual([]);
    expect(releasesToPrune([], 3, new Set())).toEqual([]);
  });

  it('refuses a count that would keep nothing', () => {
    expect(() => releasesToPrune([1], 0, new Set())).toThrow(RangeError);
  });
});
