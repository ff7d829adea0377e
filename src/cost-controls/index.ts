export { BudgetNotification, BudgetNotificationKind, BudgetThresholdType } from './budget-notification';
export { BudgetPeriod, CostBudget, CostBudgetOptions, CostBudgetProps } from './cost-budget';
export { AnomalyAlertFrequency, CostAnomalyAlerts, CostAnomalyAlertsProps } from './cost-anomaly-alerts';
