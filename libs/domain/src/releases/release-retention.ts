/**
 * Which releases of one namespace retention may delete: all but the newest `keep`, never one
 * that is protected (the active release clients get, a gray branch's base release).
 * `idsNewestFirst` are the namespace's release ids, abandoned ones included.
 */
export function releasesToPrune(
  idsNewestFirst: readonly number[],
  keep: number,
  protectedIds: ReadonlySet<number>,
): number[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a positive integer');
  return idsNewestFirst.slice(keep).filter((id) => !protectedIds.has(id));
}
