import { BACKFILL_HISTORY_PAGE_LIMIT, BackfillOutcome } from '../resource-contract';
import { BackfillRequest, CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { ReconcileResult } from './reconcile-tags';
import { clampBackfillFrom, startBackfill } from './start-backfill';

/** What the activator did about the backfill in one run. */
export const ActivatorBackfillOutcome = {
  /** A backfill was started because keys were activated after the last backfill request. */
  STARTED: BackfillOutcome.STARTED,
  /**
   * A backfill was needed but Cost Explorer refused it (one per 24 hours); the next run asks
   * again, because the history still shows no request after the last activation.
   */
  ALREADY_RUNNING: BackfillOutcome.ALREADY_RUNNING,
  /** A backfill was requested after the last activation of the keys, or no key is active yet. */
  UP_TO_DATE: 'UP_TO_DATE',
} as const;

/**
 * Makes sure a backfill from `backfillFrom` (`YYYY-MM-01`) was requested after the last activation
 * of the construct's keys, so that keys activated after the deployment's backfill, when Cost
 * Explorer had registered them, are applied to past months too.
 *
 * Stateless, from Cost Explorer's own records: a run that activated keys starts a backfill at once;
 * otherwise the backfill history is compared with the keys' `LastUpdatedDate`, so a run after a
 * refused request (`BackfillLimitExceededException`) tries again, and a run after an accepted one
 * does nothing more. A request counts when it was made at or after the last activation, starts no
 * later than `backfillFrom` (or the earliest month Cost Explorer accepts, when `backfillFrom` is
 * older) and did not fail.
 *
 * An Update that changed neither the date nor the keys' status makes the same check (see the
 * onEvent handler), so that a request an earlier deployment left to the activator is not lost.
 */
export async function backfillAfterActivation(
  api: CostAllocationTagApi,
  backfillFrom: string,
  result: ReconcileResult,
  calls: CostExplorerCalls,
): Promise<string> {
  if (result.activatedNow.length === 0) {
    if (result.lastActivatedBefore === undefined) {
      return ActivatorBackfillOutcome.UP_TO_DATE;
    }
    // Compared with the date a request would really carry: once `backfillFrom` is older than Cost
    // Explorer allows, no request can start that early, and every run would otherwise ask again.
    if (await requestedSince(api, clampBackfillFrom(backfillFrom), Date.parse(result.lastActivatedBefore), calls)) {
      return ActivatorBackfillOutcome.UP_TO_DATE;
    }
  }
  return startBackfill(api, backfillFrom, calls);
}

/** Whether the history holds a request that covers `backfillFrom` made at or after `since`. */
async function requestedSince(api: CostAllocationTagApi, backfillFrom: string, since: number, calls: CostExplorerCalls): Promise<boolean> {
  const from = Date.parse(`${backfillFrom}T00:00:00Z`);
  let nextToken: string | undefined;
  do {
    const page = await calls.run('ListCostAllocationTagBackfillHistory', () => api.listCostAllocationTagBackfillHistory({
      MaxResults: BACKFILL_HISTORY_PAGE_LIMIT,
      NextToken: nextToken,
    }));
    // The order of the history is not documented, so every entry is looked at.
    if ((page.BackfillRequests ?? []).some((r) => covers(r, from, since))) {
      return true;
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return false;
}

function covers(request: BackfillRequest, from: number, since: number): boolean {
  if (request.BackfillStatus === 'FAILED') {
    return false;
  }
  const requestedAt = Date.parse(request.RequestedAt ?? '');
  if (Number.isNaN(requestedAt) || requestedAt < since) {
    return false;
  }
  const requestFrom = Date.parse(request.BackfillFrom ?? '');
  // A request whose start is unreadable is taken to cover, rather than asking again every run.
  return Number.isNaN(requestFrom) || requestFrom <= from;
}
