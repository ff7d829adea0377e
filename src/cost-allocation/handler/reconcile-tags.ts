import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { readTagStatuses } from './read-tag-statuses';
import { newProgress, StatusChangeProgress, updateTagStatuses } from './update-tag-statuses';
import { logJson } from '../../handler-shared/handler-log';

/** Refused keys named in a failure reason; the rest are counted. */
const MAX_KEYS_IN_REASON = 5;

export interface ReconcileRequest {
  /** Keys that should be active. */
  readonly activate: readonly string[];
  /** Keys that should be set inactive (only those currently active are touched). */
  readonly deactivate: readonly string[];
}

export interface ReconcileResult {
  /** Keys of `activate` that are active now, in request order. */
  readonly active: string[];
  /** Keys of `activate` Cost Explorer has not registered yet, in request order. */
  readonly pending: string[];
  /** Keys this run set active (and would have to undo if the operation fails later). */
  readonly activatedNow: string[];
  /** Keys this run set inactive. */
  readonly deactivatedNow: string[];
  /**
   * The latest `LastUpdatedDate` among the keys of `activate` that were already active when
   * read (keys activated by this run are in `activatedNow` instead); undefined when none was.
   */
  readonly lastActivatedBefore?: string;
}

/** Progress of one reconcile, readable by the caller even when the reconcile throws. */
export interface ReconcileProgress {
  readonly activation: StatusChangeProgress;
  readonly deactivation: StatusChangeProgress;
}

export function newReconcileProgress(): ReconcileProgress {
  return { activation: newProgress(), deactivation: newProgress() };
}

/**
 * Brings keys to the wanted status with the fewest writes: one read of every key involved, then
 * updates only for keys whose status differs. Registered-but-inactive keys are activated; keys
 * absent from billing data are reported as pending, not as failures, because Cost Explorer only
 * registers a key up to 24 hours after it is first used.
 */
export async function reconcileTags(
  api: CostAllocationTagApi,
  request: ReconcileRequest,
  calls: CostExplorerCalls,
  progress: ReconcileProgress = newReconcileProgress(),
): Promise<ReconcileResult> {
  const statuses = await readTagStatuses(api, [...request.activate, ...request.deactivate], calls);

  const statusOf = (k: string) => statuses.get(k)?.status;
  const toActivate = request.activate.filter((k) => statusOf(k) === 'Inactive');
  const toDeactivate = request.deactivate.filter((k) => statusOf(k) === 'Active');

  await updateTagStatuses(api, toActivate, 'Active', calls, progress.activation);
  await updateTagStatuses(api, toDeactivate, 'Inactive', calls, progress.deactivation);

  const failed = [...progress.activation.failed, ...progress.deactivation.failed];
  if (failed.length > 0) {
    logJson('warn', 'Cost Explorer refused to change the status of some tag keys', { failed });
    // The reason goes back to CloudFormation, whose response is capped at 4 KB: name a few keys only.
    const list = failed.slice(0, MAX_KEYS_IN_REASON).map((e) => `${e.TagKey ?? '(no key)'} (${e.Code ?? 'UnknownError'}: ${e.Message ?? 'no message'})`);
    const more = failed.length > MAX_KEYS_IN_REASON ? `; and ${failed.length - MAX_KEYS_IN_REASON} more (see the function's log)` : '';
    throw new Error(`Cost Explorer refused to change the status of ${failed.length} tag key(s): ${list.join('; ')}${more}`);
  }

  const activated = new Set(progress.activation.changed);
  return {
    active: request.activate.filter((k) => statusOf(k) === 'Active' || activated.has(k)),
    pending: request.activate.filter((k) => !statuses.has(k) || progress.activation.notFound.includes(k)),
    activatedNow: [...progress.activation.changed],
    deactivatedNow: [...progress.deactivation.changed],
    lastActivatedBefore: latest(request.activate.filter((k) => statusOf(k) === 'Active').map((k) => statuses.get(k)?.lastUpdatedDate)),
  };
}

/** The latest of ISO 8601 times, compared as instants; unreadable ones are ignored. */
function latest(times: (string | undefined)[]): string | undefined {
  let best: { text: string; at: number } | undefined;
  for (const text of times) {
    const at = text === undefined ? NaN : Date.parse(text);
    if (!Number.isNaN(at) && (best === undefined || at > best.at)) {
      best = { text: text!, at };
    }
  }
  return best?.text;
}
