export * from './model-price';
export { ProjectMetricOptions } from './usage-metrics';
export { EstimatedCostOptions } from './estimated-cost';
export { SpendAlarmProps } from './spend-alarm';
