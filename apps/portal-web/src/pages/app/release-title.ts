/**
 * The title a release gets unless the person names it: the time in the person's time zone (the
 * browser's unless one is given), `yyyyMMddHHmmss-<what>` (Apollo's default), e.g.
 * `20260116073005-release`.
 */
export function defaultReleaseTitle(what: string, now = new Date(), timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}${parts['month']}${parts['day']}${parts['hour']}${parts['minute']}${parts['second']}-${what}`;
}
