/**
 * Cost Explorer's backfill window, shared by the synth-time check and the handler (so this file
 * imports nothing from aws-cdk-lib, which the handler bundle leaves out).
 */

/** Cost Explorer backfills at most this many months before the current one. */
export const MAX_BACKFILL_MONTHS = 12;

/** The first day of the month `monthsBack` months before `now`'s month (UTC), as `YYYY-MM-01`. */
export function firstOfMonth(now: Date, monthsBack: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}
