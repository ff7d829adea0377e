import { RETRY_EVENT_SOURCE, RetryEventField } from '../resource-contract';
import { ActivatorBackfillOutcome, backfillAfterActivation } from './backfill-after-activation';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { describeErrorAsSentence, errorDetail, isLinkedAccountDenial } from './cost-explorer-errors';
import { reconcileTags } from './reconcile-tags';
import { parseTagKeys } from './resource-properties';
import { parseScheduleArn, ScheduleApi, turnOffSchedule } from './retry-schedule';
import { logJson } from '../../handler-shared/handler-log';

/** The payload the retry schedule sends. */
export interface RetryEvent {
  readonly source: string;
  readonly tagKeys: unknown;
  /** `YYYY-MM-01`, present when the construct configures a backfill. */
  readonly backfillFrom?: unknown;
  /** The ARN of the schedule that sent the payload; absent from schedules of earlier versions. */
  readonly scheduleArn?: unknown;
}

export interface RetryResult {
  readonly activeTagKeys: string[];
  readonly pendingTagKeys: string[];
  readonly activatedNow: string[];
  /** Present only when a backfill is configured: one of `ActivatorBackfillOutcome`. */
  readonly backfill?: string;
  /** `DISABLED` when this run turned the schedule off (or found it off): nothing is left to do. */
  readonly retrySchedule?: 'DISABLED';
}

export function isRetryEvent(event: unknown): event is RetryEvent {
  return typeof event === 'object' && event !== null
    && (event as Record<string, unknown>)[RetryEventField.SOURCE] === RETRY_EVENT_SOURCE;
}

/**
 * One scheduled retry: activate whichever of the keys Cost Explorer has registered since the last
 * run. With a backfill configured, the run then makes sure a backfill was requested after the last
 * activation (see {@link backfillAfterActivation}).
 *
 * When that leaves nothing to do (no key pending, no backfill refused as already running), the run
 * turns its own schedule off, so that it does not keep running every interval for nothing. The
 * live schedule then differs from the template's `ENABLED` until the next deployment that has
 * pending keys again. A payload without the schedule's ARN (from a schedule deployed by an
 * earlier version of the library) leaves the schedule as it is.
 */
export async function activatePending(
  event: RetryEvent,
  api: CostAllocationTagApi,
  calls: CostExplorerCalls,
  schedules: () => ScheduleApi,
): Promise<RetryResult> {
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
  } catch (error) {
    const what = outcome ? 'Scheduled backfill of cost allocation tags failed (the keys were activated)' : 'Scheduled activation of cost allocation tags failed';
    logJson('error', what, { tagKeys: keys, backfillFrom, ...outcome, error: errorDetail(error) });
    const hint = isLinkedAccountDenial(error)
      ? ' Only the organization\'s management (payer) account can activate cost allocation tags; deploy CostAllocationTags there.'
      : '';
    throw new Error(`${what}: ${describeErrorAsSentence(error)}${hint}`);
  }
  const nothingLeft = outcome.pendingTagKeys.length === 0 && outcome.backfill !== ActivatorBackfillOutcome.ALREADY_RUNNING;
  return nothingLeft ? { ...outcome, ...await turnOffOwnSchedule(event.scheduleArn, schedules, calls) } : outcome;
}

/** Turns the schedule named in the payload off; a failure fails the run, so that it shows in the function's errors. */
async function turnOffOwnSchedule(scheduleArn: unknown, schedules: () => ScheduleApi, calls: CostExplorerCalls): Promise<{ retrySchedule?: 'DISABLED' }> {
  const schedule = typeof scheduleArn === 'string' ? parseScheduleArn(scheduleArn) : undefined;
  if (schedule === undefined) {
    logJson('info', 'The payload names no schedule to turn off; the schedule stays as deployed', { scheduleArn });
    return {};
  }
  try {
    const retrySchedule = await turnOffSchedule(schedules(), schedule, calls);
    logJson('info', 'Turned the retry schedule off: nothing is left to activate or backfill', { scheduleArn });
    return { retrySchedule };
  } catch (error) {
    logJson('error', 'Could not turn the retry schedule off', { scheduleArn, error: errorDetail(error) });
    throw new Error(`Every cost allocation tag key is active, but the retry schedule ${String(scheduleArn)} could not be turned off: ${describeErrorAsSentence(error)} `
      + 'The activator needs scheduler:GetSchedule and scheduler:UpdateSchedule on the schedule, and iam:PassRole on its role.');
  }
}
