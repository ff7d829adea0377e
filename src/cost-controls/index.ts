export { BudgetNotificationKind, BudgetThresholdType } from './budget-notification';
export type { BudgetNotification } from './budget-notification';
export { BudgetCostMetric, BudgetPeriod, CostBudget } from './cost-budget';
export type { CostBudgetOptions, CostBudgetProps } from './cost-budget';
export { AnomalyAlertFrequency, CostAnomalyAlerts } from './cost-anomaly-alerts';
export type { CostAnomalyAlertsProps } from './cost-anomaly-alerts';
