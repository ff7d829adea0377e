import { RETRY_EVENT_SOURCE, RetryEventField } from '../resource-contract';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { describeError, errorDetail, isLinkedAccountDenial } from './cost-explorer-errors';
import { reconcileTags } from './reconcile-tags';
import { parseTagKeys } from './resource-properties';
import { logJson } from '../../runtime/handler-log';

/** The payload the retry schedule sends. */
export interface RetryEvent {
  readonly source: string;
  readonly tagKeys: unknown;
}

export interface RetryResult {
  readonly activeTagKeys: string[];
  readonly pendingTagKeys: string[];
  readonly activatedNow: string[];
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
 */
export async function activatePending(event: RetryEvent, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<RetryResult> {
  const keys = parseTagKeys(event.tagKeys);
  try {
    const result = await reconcileTags(api, { activate: keys, deactivate: [] }, calls);
    const outcome = { activeTagKeys: result.active, pendingTagKeys: result.pending, activatedNow: result.activatedNow };
    logJson('info', result.pending.length > 0 ? 'Some cost allocation tag keys are still pending' : 'All cost allocation tag keys are active', outcome);
    return outcome;
  } catch (error) {
    logJson('error', 'Scheduled cost allocation tag activation failed', { tagKeys: keys, error: errorDetail(error) });
    const hint = isLinkedAccountDenial(error)
      ? ' Only the organization\'s management (payer) account can activate cost allocation tags; deploy CostAllocationTags there.'
      : '';
    throw new Error(`Scheduled activation of cost allocation tags failed: ${describeError(error)}.${hint}`);
  }
}
