/**
 * Turns the Lambda's remaining time into the epoch-ms deadline that bounds every retry.
 *
 * A margin is kept back so that, when Cost Explorer keeps throttling, the handler still has time
 * to log the failure and return it to the provider framework instead of being killed mid-wait.
 */

/** Time kept back for reporting a failure. */
const SAFETY_MARGIN_MS = 10_000;

/** Assumed budget when no Lambda context is available (a direct invocation). */
const DEFAULT_BUDGET_MS = 60_000;

export interface RemainingTime {
  getRemainingTimeInMillis?(): number;
}

export function deadlineFrom(context: RemainingTime | undefined, now: number = Date.now()): number {
  const remaining = context?.getRemainingTimeInMillis?.() ?? DEFAULT_BUDGET_MS;
  // With little time left, keep half of it rather than a margin larger than the budget.
  const margin = Math.min(SAFETY_MARGIN_MS, remaining / 2);
  return now + remaining - margin;
}
