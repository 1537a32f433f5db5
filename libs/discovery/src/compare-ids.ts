/**
 * Plain code-unit order, the same in every locale and process, so every meta-server lists instances
 * identically whatever collation the store sorted them with.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
