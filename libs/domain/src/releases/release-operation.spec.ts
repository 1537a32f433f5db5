import { ReleaseOperation, releaseOperationName } from './release-operation';

describe('ReleaseOperation', () => {
  it("uses Apollo's numbers", () => {
    expect(ReleaseOperation).toEqual({
      NORMAL_RELEASE: 0,
      ROLLBACK: 1,
      GRAY_RELEASE: 2,
      APPLY_GRAY_RULES: 3,
      GRAY_RELEASE_MERGE_TO_MASTER: 4,
      MASTER_NORMAL_RELEASE_MERGE_TO_GRAY: 5,
      MASTER_ROLLBACK_MERGE_TO_GRAY: 6,
      ABANDON_GRAY_RELEASE: 7,
      GRAY_RELEASE_DELETED_AFTER_MERGE: 8,
    });
  });

  it('names a code', () => {
    expect(releaseOperationName(ReleaseOperation.ROLLBACK)).toBe('ROLLBACK');
    expect(releaseOperationName(8)).toBe('GRAY_RELEASE_DELETED_AFTER_MERGE');
    expect(releaseOperationName(42)).toBe('UNKNOWN_42');
  });
});
