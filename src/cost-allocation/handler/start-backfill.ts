import { BackfillOutcome } from '../resource-contract';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { errorName } from './cost-explorer-errors';
import { logJson } from '../../handler-shared/handler-log';
import { firstOfMonth, MAX_BACKFILL_MONTHS } from '../backfill-window';

/**
 * Starts a backfill that re-applies the current status of every key to the months since
 * `backfillFrom` (`YYYY-MM-01`). Cost Explorer runs one backfill per 24 hours and answers
 * `BackfillLimitExceededException` while one runs; that is not a deployment failure, since the
 * running backfill already does the work, so it is reported as `ALREADY_RUNNING`.
 *
 * A `backfillFrom` older than Cost Explorer accepts is moved to the earliest month it does accept
 * (see {@link clampBackfillFrom}), with a warning in the log.
 */
export async function startBackfill(api: CostAllocationTagApi, backfillFrom: string, calls: CostExplorerCalls): Promise<string> {
  const from = clampBackfillFrom(backfillFrom);
  if (from !== backfillFrom) {
    const message = `backfillFrom ${backfillFrom} is more than ${MAX_BACKFILL_MONTHS} months back, further than Cost Explorer backfills; `
      + `backfilling from ${from} instead, the earliest month it accepts now. Set a later backfillFrom to stop this warning.`;
    logJson('warn', message, { backfillFrom, clampedTo: from });
  }
  try {
    await calls.run('StartCostAllocationTagBackfill', () => api.startCostAllocationTagBackfill({
      BackfillFrom: `${from}T00:00:00Z`,
    }));
    return BackfillOutcome.STARTED;
  } catch (error) {
    if (errorName(error) === 'BackfillLimitExceededException') {
      return BackfillOutcome.ALREADY_RUNNING;
    }
    throw error;
  }
}

/**
 * `backfillFrom` (`YYYY-MM-01`), or the earliest month Cost Explorer accepts at `now` when
 * `backfillFrom` is older: the first day of the month 12 months before the current one (UTC).
 *
 * The construct checks `backfillFrom` at synth time, but the window moves on: a date that was
 * valid at deployment is refused some months later, and every later update and activator run that
 * needs a backfill would then fail. The earliest month still covers as much of the wanted period
 * as Cost Explorer allows. A value that is not `YYYY-MM-01` is left for Cost Explorer to reject
 * with its own message.
 */
export function clampBackfillFrom(backfillFrom: string, now: Date = new Date()): string {
  const match = /^(\d{4})-(\d{2})-01$/.exec(backfillFrom);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    return backfillFrom;
  }
  const earliest = firstOfMonth(now, MAX_BACKFILL_MONTHS);
  // Both are YYYY-MM-01, so they compare as strings.
  return backfillFrom < earliest ? earliest : backfillFrom;
}
