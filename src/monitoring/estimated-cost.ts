import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { ModelPrice, TokenPrice } from './model-price';
import { DEFAULT_USAGE_PERIOD, MetricTarget, projectUsageMetric, UsageMetricName } from './usage-metrics';
import { validationError } from '../validation-error';

/**
 * Options of a project's estimated cost metric.
 */
export interface EstimatedCostOptions {
  /**
   * The prices of the models the project uses, in US dollars per million tokens. Each model's
   * tokens are read from the project's metrics with the `Model` dimension.
   */
  readonly prices: ModelPrice[];

  /**
   * The price of the project's tokens to models that `prices` does not list: the project's total
   * tokens minus those of the listed models.
   *
   * @default - tokens of models not listed in `prices` are not counted
   */
  readonly defaultPrice?: TokenPrice;

  /**
   * The period the cost is summed over.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * The label of the metric on graphs.
   *
   * @default 'Estimated cost (USD)'
   */
  readonly label?: string;
}

/** Metrics one CloudWatch alarm on a math expression may read (a hard limit of CloudWatch). */
export const MAX_METRICS_PER_ALARM = 10;

/** Tokens are priced per million. */
const TOKENS_PER_PRICE_UNIT = 1000000;

/**
 * The estimated cost as a CloudWatch math expression over the project's token metrics, in US
 * dollars per period:
 *
 *   (FILL(input1,0)*p1in + FILL(output1,0)*p1out + ...
 *    + (FILL(inputAll,0) - FILL(input1,0) - ...)*defaultIn + (...)*defaultOut) / 1000000
 *
 * FILL replaces a period without requests to a model by zero, so that one idle model does not
 * blank the whole sum. Metric ids start with a lowercase letter, as metric math requires.
 */
export function estimatedCostExpression(
  target: MetricTarget, options: EstimatedCostOptions, scope: IConstruct, subject: string,
): cloudwatch.MathExpression {
  const problems = priceProblems(options);
  if (problems.length > 0) {
    throw validationError(scope, 'EstimatedCostInvalid', problems.map((p) => `${subject}: ${p}`));
  }
  const period = options.period ?? DEFAULT_USAGE_PERIOD;
  const usingMetrics: { [id: string]: cloudwatch.IMetric } = {};
  const terms: string[] = [];
  const tokens = (metricName: string, model?: string) => projectUsageMetric(target, metricName, { model, period });

  options.prices.forEach((price, index) => {
    const input = `input${index + 1}`;
    const output = `output${index + 1}`;
    usingMetrics[input] = tokens(UsageMetricName.TOTAL_INPUT_TOKENS, price.model);
    usingMetrics[output] = tokens(UsageMetricName.TOTAL_OUTPUT_TOKENS, price.model);
    terms.push(`FILL(${input},0)*${decimal(price.inputPerMillionTokens)}`, `FILL(${output},0)*${decimal(price.outputPerMillionTokens)}`);
  });

  if (options.defaultPrice) {
    usingMetrics.inputAll = tokens(UsageMetricName.TOTAL_INPUT_TOKENS);
    usingMetrics.outputAll = tokens(UsageMetricName.TOTAL_OUTPUT_TOKENS);
    const rest = (all: string, prefix: string) =>
      [`FILL(${all},0)`, ...options.prices.map((_, index) => `FILL(${prefix}${index + 1},0)`)].join(' - ');
    const wrap = (s: string) => options.prices.length > 0 ? `(${s})` : s;
    terms.push(
      `${wrap(rest('inputAll', 'input'))}*${decimal(options.defaultPrice.inputPerMillionTokens)}`,
      `${wrap(rest('outputAll', 'output'))}*${decimal(options.defaultPrice.outputPerMillionTokens)}`,
    );
  }

  return new cloudwatch.MathExpression({
    expression: `(${terms.join(' + ')})/${TOKENS_PER_PRICE_UNIT}`,
    usingMetrics,
    period,
    label: options.label ?? 'Estimated cost (USD)',
  });
}

/** How many metrics the expression of `options` reads. */
export function metricsRead(options: EstimatedCostOptions): number {
  return options.prices.length * 2 + (options.defaultPrice ? 2 : 0);
}

export function priceProblems(options: EstimatedCostOptions): string[] {
  const problems: string[] = [];
  if (options.prices.length === 0 && !options.defaultPrice) {
    problems.push('prices is empty and there is no defaultPrice, so nothing would be counted; list the models\' prices or give a defaultPrice');
  }
  const seen = new Set<string>();
  for (const price of options.prices) {
    if (!Token.isUnresolved(price.model)) {
      if (price.model.trim() === '') {
        problems.push('a price has an empty model; name the model as the Model dimension of AWS/BedrockMantle does');
      } else if (seen.has(price.model)) {
        problems.push(`model '${price.model}' is priced twice; keep one price per model`);
      }
      seen.add(price.model);
    }
    problems.push(...tokenPriceProblems(price, `model '${price.model}'`));
  }
  if (options.defaultPrice) {
    problems.push(...tokenPriceProblems(options.defaultPrice, 'defaultPrice'));
  }
  return problems;
}

function tokenPriceProblems(price: TokenPrice, what: string): string[] {
  const problems: string[] = [];
  for (const [field, value] of [['inputPerMillionTokens', price.inputPerMillionTokens], ['outputPerMillionTokens', price.outputPerMillionTokens]] as const) {
    if (Token.isUnresolved(value)) {
      problems.push(`${what} has a ${field} only known at deploy time; metric math needs the number in the expression, give a literal price`);
    } else if (!Number.isFinite(value) || value < 0) {
      problems.push(`${what} has ${field} ${value}; give a price of zero or more US dollars per million tokens`);
    }
  }
  return problems;
}

/** A number as metric math reads it: plain decimals, never exponent notation such as 1e-7. */
function decimal(value: number): string {
  const plain = String(value);
  if (!/e/i.test(plain)) {
    return plain;
  }
  return value.toFixed(20).replace(/\.?0+$/, '');
}
