import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EstimatedCostOptions, estimatedCostExpression, MAX_METRICS_PER_ALARM, metricsRead, priceProblems } from './estimated-cost';
import { ModelPrice, TokenPrice } from './model-price';
import { MetricTarget } from './usage-metrics';
import { validationError } from '../validation-error';

/**
 * Properties of a spend alarm on a project's estimated cost.
 */
export interface SpendAlarmProps {
  /**
   * The estimated spend, in US dollars, over `window` above which the alarm raises.
   */
  readonly threshold: number;

  /**
   * The window the spend is summed over: a whole number of minutes, at most one day. Metrics
   * arrive within minutes, so the alarm raises in the same hour a runaway job starts.
   *
   * @default Duration.hours(1)
   */
  readonly window?: Duration;

  /**
   * The prices of the models the project uses, in US dollars per million tokens.
   */
  readonly prices: ModelPrice[];

  /**
   * The price of tokens to models that `prices` does not list.
   *
   * @default - tokens of models not listed in `prices` are not counted
   */
  readonly defaultPrice?: TokenPrice;

  /**
   * An SNS topic notified when the alarm raises and when it clears.
   *
   * @default - no topic; see `actions`
   */
  readonly topic?: sns.ITopic;

  /**
   * Further actions run when the alarm raises.
   *
   * @default - none besides `topic`
   */
  readonly actions?: cloudwatch.IAlarmAction[];

  /**
   * The alarm's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly alarmName?: string;

  /**
   * The alarm's description.
   *
   * @default - a sentence naming the project, the threshold and the window
   */
  readonly alarmDescription?: string;
}

/** CloudWatch alarms evaluate periods of at most one day. */
const MAX_WINDOW = Duration.days(1);

/**
 * An alarm on the estimated spend of a project. Periods without any request are not breaching,
 * so an idle project stays in OK.
 */
export function createSpendAlarm(scope: Construct, id: string, target: MetricTarget, props: SpendAlarmProps, subject: string): cloudwatch.Alarm {
  const window = props.window ?? Duration.hours(1);
  const problems = spendAlarmProblems(scope, target, props, window);
  if (problems.length > 0) {
    throw validationError(scope, 'SpendAlarmInvalid', problems.map((p) => `spend alarm '${id}' of ${subject}: ${p}`));
  }
  const cost: EstimatedCostOptions = { prices: props.prices, defaultPrice: props.defaultPrice, period: window, label: 'Estimated spend (USD)' };
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: estimatedCostExpression(target, cost, scope, `spend alarm '${id}'`),
    threshold: props.threshold,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: props.alarmName,
    alarmDescription: props.alarmDescription
      ?? `Estimated spend of ${subject} above ${props.threshold} USD in ${window.toHumanString()} (from token metrics and the prices in the stack, not the bill)`,
  });
  if (props.topic) {
    const action = new cloudwatchActions.SnsAction(props.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  for (const action of props.actions ?? []) {
    alarm.addAlarmAction(action);
  }
  return alarm;
}

function spendAlarmProblems(scope: Construct, target: MetricTarget, props: SpendAlarmProps, window: Duration): string[] {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.threshold) && !(Number.isFinite(props.threshold) && props.threshold > 0)) {
    problems.push(`threshold ${props.threshold} is not a positive number of US dollars; give the spend above which to alarm`);
  }
  if (!window.isUnresolved()) {
    const seconds = window.toSeconds();
    if (seconds < 60 || seconds % 60 !== 0 || seconds > MAX_WINDOW.toSeconds()) {
      problems.push(`window ${window.toHumanString()} is not a whole number of minutes between 1 minute and 1 day; CloudWatch alarms evaluate such periods only`);
    }
  }
  const read = metricsRead(props);
  if (read > MAX_METRICS_PER_ALARM) {
    problems.push(`the estimate would read ${read} metrics (input and output tokens of ${props.prices.length} models${props.defaultPrice ? ' and of the whole project for defaultPrice' : ''}), `
      + `but a CloudWatch alarm on a math expression may read at most ${MAX_METRICS_PER_ALARM}; price at most ${Math.floor((MAX_METRICS_PER_ALARM - (props.defaultPrice ? 2 : 0)) / 2)} models `
      + 'and cover the others with defaultPrice, or split the models over several alarms');
  }
  problems.push(...priceProblems(props));
  const stackRegion = Stack.of(scope).region;
  if (target.region !== undefined && !Token.isUnresolved(stackRegion) && target.region !== stackRegion) {
    problems.push(`the project's metrics are in ${target.region} but this stack is in ${stackRegion}, and a CloudWatch alarm only watches metrics of its own region; add the alarm in a stack in ${target.region}`);
  }
  return problems;
}
