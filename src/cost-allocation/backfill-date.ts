import { Token } from 'aws-cdk-lib';
import { firstOfMonth, MAX_BACKFILL_MONTHS } from './backfill-window';

/**
 * What is wrong with a `backfillFrom` value, or `undefined` when Cost Explorer would accept it:
 * a `YYYY-MM-01` date, the first day of a month, not in the future and at most 12 months before
 * the current month (Cost Explorer's `StartCostAllocationTagBackfill` rules). Tokens are not
 * checked; their value is only known at deploy time.
 *
 * @param now the reference time, in UTC
 */
export function backfillDateProblem(value: string, now: Date = new Date()): string | undefined {
  if (Token.isUnresolved(value)) {
    return undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return `must be a date written YYYY-MM-01, e.g. '${firstOfMonth(now, 0)}'`;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) {
    return `has month ${match[2]}, which does not exist; use a month from 01 to 12, e.g. '${firstOfMonth(now, 0)}'`;
  }
  if (day !== 1) {
    return `must be the first day of a month because backfills start at a billing period; use '${match[1]}-${match[2]}-01'`;
  }
  const monthsBack = (now.getUTCFullYear() - year) * 12 + (now.getUTCMonth() + 1 - month);
  if (monthsBack < 0) {
    return `is in the future; use '${firstOfMonth(now, 0)}' (this month) or an earlier month`;
  }
  if (monthsBack > MAX_BACKFILL_MONTHS) {
    return `is ${monthsBack} months back, but Cost Explorer backfills at most ${MAX_BACKFILL_MONTHS} months; use '${firstOfMonth(now, MAX_BACKFILL_MONTHS)}' or later`;
  }
  return undefined;
}
