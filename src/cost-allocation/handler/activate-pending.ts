import { RETRY_EVENT_SOURCE, RetryEventField } from '../resource-contract';
import { backfillAfterActivation } from './backfill-after-activation';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { describeError, errorDetail, isLinkedAccountDenial } from './cost-explorer-errors';
import { reconcileTags } from './reconcile-tags';
import { parseTagKeys } from './resource-properties';
import { logJson } from '../../handler-shared/handler-log';

/** The payload the retry schedule sends. */
export interface RetryEvent {
  readonly source: string;
  readonly tagKeys: unknown;
  /** `YYYY-MM-01`, present when the construct configures a backfill. */
  readonly backfillFrom?: unknown;
}

export interface RetryResult {
  readonly activeTagKeys: string[];
  readonly pendingTagKeys: string[];
  readonly activatedNow: string[];
  /** Present only when a backfill is configured: one of `ActivatorBackfillOutcome`. */
  readonly backfill?: string;
}

export function isRetryEvent(event: unknown): event is RetryEvent {
  return typeof event === 'object' && event !== null
    && (event as Record<string, unknown>)[RetryEventField.SOURCE] === RETRY_EVENT_SOURCE;
}

/**
 * One scheduled retry: activate whichever of the keys Cost Explorer has registered since the last
 * run. Once every key is active a run costs a single `ListCostAllocationTags` call per 100 keys and
 * writes nothing; the schedule is not disabled from here, because that would need
 * `scheduler:UpdateSchedule` plus `iam:PassRole` on this function's own trigger and would leave
 * the live schedule drifted from the template. The next deployment re-evaluates the schedule.
 *
 * With a backfill configured, the run then makes sure a backfill was requested after the last
 * activation (see {@link backfillAfterActivation}): one `ListCostAllocationTagBackfillHistory`
 * call once that is so, and no backfill call at all without `backfillFrom`.
 */
export async function activatePending(event: RetryEvent, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<RetryResult> {
  const keys = parseTagKeys(event.tagKeys);
  const backfillFrom = typeof event.backfillFrom === 'string' && event.backfillFrom.length > 0 ? event.backfillFrom : undefined;
  let outcome: RetryResult | undefined;
  try {
    const result = await reconcileTags(api, { activate: keys, deactivate: [] }, calls);
    outcome = { activeTagKeys: result.active, pendingTagKeys: result.pending, activatedNow: result.activatedNow };
    if (backfillFrom) {
      outcome = { ...outcome, backfill: await backfillAfterActivation(api, backfillFrom, result, calls) };
    }
    logJson('info', result.pending.length > 0 ? 'Some cost allocation tag keys are still pending' : 'All cost allocation tag keys are active', { ...outcome, backfillFrom });
    return outcome;
  } catch (error) {
    const what = outcome ? 'Scheduled backfill of cost allocation tags failed (the keys were activated)' : 'Scheduled activation of cost allocation tags failed';
    logJson('error', what, { tagKeys: keys, backfillFrom, ...outcome, error: errorDetail(error) });
    const hint = isLinkedAccountDenial(error)
      ? ' Only the organization\'s management (payer) account can activate cost allocation tags; deploy CostAllocationTags there.'
      : '';
    throw new Error(`${what}: ${describeError(error)}.${hint}`);
  }
}
