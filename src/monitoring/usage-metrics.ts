import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** The namespace Bedrock publishes per-project usage metrics in. */
export const MANTLE_METRICS_NAMESPACE = 'AWS/BedrockMantle';

/** The per-project metrics Bedrock publishes (dimensions `Project`, and `Project` + `Model`). */
export const UsageMetricName = {
  INFERENCES: 'Inferences',
  INFERENCE_CLIENT_ERRORS: 'InferenceClientErrors',
  TOTAL_INPUT_TOKENS: 'TotalInputTokens',
  TOTAL_OUTPUT_TOKENS: 'TotalOutputTokens',
} as const;

/** The period of the usage metrics unless the caller gives one. */
export const DEFAULT_USAGE_PERIOD = Duration.minutes(5);

/**
 * Options of a project's usage metric: the usual CloudWatch metric options, and a model to
 * narrow it to.
 */
export interface ProjectMetricOptions extends cloudwatch.MetricOptions {
  /**
   * Only the requests to this model (dimensions `Project` and `Model`).
   *
   * @default - every model of the project (dimension `Project` only)
   */
  readonly model?: string;
}

/** Where a project's metrics live. */
export interface MetricTarget {
  readonly projectId: string;
  /** The project's region when it is known at synth time. */
  readonly region?: string;
  /** The project's account when it is known at synth time. */
  readonly account?: string;
}

/**
 * One usage metric of a project. The region and account are the project's whenever they are
 * known, so a dashboard or an imported project in another region reads the right metrics;
 * options the caller gives win.
 */
export function projectUsageMetric(target: MetricTarget, metricName: string, options: ProjectMetricOptions = {}): cloudwatch.Metric {
  const { model, ...metricOptions } = options;
  return new cloudwatch.Metric({
    namespace: MANTLE_METRICS_NAMESPACE,
    metricName,
    statistic: cloudwatch.Stats.SUM,
    period: DEFAULT_USAGE_PERIOD,
    ...(target.region !== undefined ? { region: target.region } : {}),
    ...(target.account !== undefined ? { account: target.account } : {}),
    ...metricOptions,
    dimensionsMap: {
      ...metricOptions.dimensionsMap,
      Project: target.projectId,
      ...(model !== undefined ? { Model: model } : {}),
    },
  });
}

/** A region or account only when it is a literal: a token would be rendered into every metric. */
export function knownAtSynth(value: string | undefined): string | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}
