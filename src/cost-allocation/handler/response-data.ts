import { BackfillOutcome, ResourceAttribute } from '../resource-contract';

/**
 * CloudFormation rejects a custom resource response larger than 4,096 bytes, and the provider
 * framework wraps `Data` in an envelope (stack ID, request ID, logical ID, physical ID). Each key
 * list gets this many bytes, which keeps `Data` under about 2.8 KB whatever the keys are.
 */
export const KEY_LIST_BUDGET_BYTES = 1_300;

/**
 * Joins keys with commas. When the list does not fit `budget` bytes (UTF-8), as many keys as fit
 * are kept and the rest are counted: `a,b,c,... (+42 more)`. The count attributes stay exact.
 */
export function joinWithinBudget(keys: readonly string[], budget: number = KEY_LIST_BUDGET_BYTES): string {
  const full = keys.join(',');
  if (Buffer.byteLength(full) <= budget) {
    return full;
  }
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < keys.length; i++) {
    const suffix = `,... (+${keys.length - i - 1} more)`;
    const cost = Buffer.byteLength(keys[i]) + (kept.length > 0 ? 1 : 0);
    if (used + cost + Buffer.byteLength(suffix) > budget) {
      break;
    }
    kept.push(keys[i]);
    used += cost;
  }
  return `${kept.join(',')},... (+${keys.length - kept.length} more)`;
}

export function responseData(active: readonly string[], pending: readonly string[], backfillStatus: string): Record<string, string> {
  return {
    [ResourceAttribute.ACTIVE_TAG_KEYS]: joinWithinBudget(active),
    [ResourceAttribute.PENDING_TAG_KEYS]: joinWithinBudget(pending),
    [ResourceAttribute.ACTIVE_TAG_KEY_COUNT]: String(active.length),
    [ResourceAttribute.PENDING_TAG_KEY_COUNT]: String(pending.length),
    [ResourceAttribute.RETRY_SCHEDULE_STATE]: retryScheduleState(pending, backfillStatus),
    [ResourceAttribute.BACKFILL_STATUS]: backfillStatus,
  };
}

/**
 * The retry schedule runs while keys are pending, and also after Cost Explorer refused the
 * backfill this operation asked for because another one was running: the deployment does not ask
 * again, but the activator does, once the backfill history shows no request since the keys were
 * last activated. Without the schedule, keys activated by this operation would never be
 * backfilled. The attribute only matters where the construct created a schedule, that is with
 * retries on.
 */
export function retryScheduleState(pending: readonly string[], backfillStatus: string): 'ENABLED' | 'DISABLED' {
  return pending.length > 0 || backfillStatus === BackfillOutcome.ALREADY_RUNNING ? 'ENABLED' : 'DISABLED';
}
