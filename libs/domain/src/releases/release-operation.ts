/** ReleaseHistory.Operation values, numbered exactly as in Apollo's database. */
export const ReleaseOperation = {
  NORMAL_RELEASE: 0,
  ROLLBACK: 1,
  GRAY_RELEASE: 2,
  APPLY_GRAY_RULES: 3,
  GRAY_RELEASE_MERGE_TO_MASTER: 4,
  MASTER_NORMAL_RELEASE_MERGE_TO_GRAY: 5,
  MASTER_ROLLBACK_MERGE_TO_GRAY: 6,
  ABANDON_GRAY_RELEASE: 7,
  GRAY_RELEASE_DELETED_AFTER_MERGE: 8,
} as const;

export type ReleaseOperationCode = (typeof ReleaseOperation)[keyof typeof ReleaseOperation];

const NAMES = new Map<number, string>(Object.entries(ReleaseOperation).map(([name, code]) => [code, name]));

/** The constant's name for a stored code; codes written by a newer version read as `UNKNOWN_<n>`. */
export function releaseOperationName(code: ReleaseOperationCode | number): string {
  return NAMES.get(code) ?? `UNKNOWN_${code}`;
}
