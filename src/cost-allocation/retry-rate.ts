import { Duration } from 'aws-cdk-lib';

/**
 * Cost Explorer registers a new key up to 24 hours after first use, so retrying more often than
 * hourly only spends API calls; this is the shortest interval accepted.
 */
export const MIN_RETRY_INTERVAL = Duration.hours(1);

/**
 * The EventBridge Scheduler `rate(...)` expression for an interval, in the largest whole unit
 * (Scheduler wants the singular for 1: `rate(1 hour)`), or a problem description.
 */
export function rateExpression(interval: Duration): { expression?: string; problem?: string } {
  if (interval.isUnresolved()) {
    return { problem: 'must be a literal duration, not a token, because it becomes the schedule expression' };
  }
  const seconds = interval.toSeconds();
  if (seconds % 60 !== 0) {
    return { problem: `is ${interval.toHumanString()}, but a schedule rate is a whole number of minutes; use e.g. Duration.hours(6)` };
  }
  if (seconds < MIN_RETRY_INTERVAL.toSeconds()) {
    return { problem: `is ${interval.toHumanString()}, shorter than the minimum of 1 hour (Cost Explorer registers keys up to 24 hours after first use); use e.g. Duration.hours(6)` };
  }
  const minutes = seconds / 60;
  const [amount, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return { expression: `rate(${amount} ${unit}${amount === 1 ? '' : 's'})` };
}
