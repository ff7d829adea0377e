export * from './model-price';
export type { ProjectMetricOptions } from './usage-metrics';
export type { EstimatedCostOptions } from './estimated-cost';
export type { SpendAlarmProps } from './spend-alarm';
