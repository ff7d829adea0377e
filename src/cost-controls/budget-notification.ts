/**
 * Whether a budget notification compares the spend so far or the spend forecast for the period.
 */
export enum BudgetNotificationKind {
  /** The spend billed so far in the period. */
  ACTUAL = 'ACTUAL',
  /** The spend AWS forecasts for the whole period. */
  FORECASTED = 'FORECASTED',
}

/**
 * How a budget notification's threshold is read.
 */
export enum BudgetThresholdType {
  /** A percentage of the budget's limit. */
  PERCENTAGE = 'PERCENTAGE',
  /** An amount in US dollars. */
  ABSOLUTE_VALUE = 'ABSOLUTE_VALUE',
}

/**
 * One notification of a budget: it is sent to the budget's subscribers when the actual or
 * forecasted spend passes the threshold.
 */
export interface BudgetNotification {
  /**
   * Whether the actual or the forecasted spend is compared.
   *
   * @default BudgetNotificationKind.ACTUAL
   */
  readonly kind?: BudgetNotificationKind;

  /**
   * The threshold, a percentage of the limit or an amount in US dollars (see `thresholdType`).
   */
  readonly threshold: number;

  /**
   * How `threshold` is read.
   *
   * @default BudgetThresholdType.PERCENTAGE
   */
  readonly thresholdType?: BudgetThresholdType;
}

/** The notifications of a budget that has subscribers and no notifications of its own. */
export const DEFAULT_BUDGET_NOTIFICATIONS: BudgetNotification[] = [
  { kind: BudgetNotificationKind.ACTUAL, threshold: 80 },
  { kind: BudgetNotificationKind.ACTUAL, threshold: 100 },
  { kind: BudgetNotificationKind.FORECASTED, threshold: 100 },
];
