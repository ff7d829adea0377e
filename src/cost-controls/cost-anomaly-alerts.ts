import { Annotations, Names, Token } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { emailProblems } from './budget-limits';
import { allowPublishFrom } from './notification-topic';
import { checkTagSelection } from './tag-selection';
import { TagTaxonomy } from '../taxonomy';
import { validationError } from '../validation-error';

/**
 * How often cost anomaly alerts are sent.
 */
export enum AnomalyAlertFrequency {
  /** As soon as an anomaly is detected, to an SNS topic only. */
  IMMEDIATE = 'IMMEDIATE',
  /** A daily summary, by email only. */
  DAILY = 'DAILY',
  /** A weekly summary, by email only. */
  WEEKLY = 'WEEKLY',
}

/**
 * Properties of {@link CostAnomalyAlerts}.
 */
export interface CostAnomalyAlertsProps {
  /**
   * The cost allocation tag key whose values are monitored, such as `CostCenter`.
   */
  readonly tagKey: string;

  /**
   * The values of `tagKey` to monitor. AWS accepts at most 10 values per monitor, so longer
   * lists are split over several monitors (10 values each), all in one subscription.
   *
   * @default - the `allowedValues` the taxonomy declares for `tagKey`
   */
  readonly values?: string[];

  /**
   * The taxonomy `tagKey` and the values are checked against, and where the values come from
   * when `values` is not given.
   *
   * @default - only AWS's tag rules are checked, and `values` is required
   */
  readonly taxonomy?: TagTaxonomy;

  /**
   * How often alerts are sent. `IMMEDIATE` alerts go to `topic` only; daily and weekly
   * summaries to `emails` only (Cost Anomaly Detection's rule).
   *
   * @default AnomalyAlertFrequency.DAILY
   */
  readonly frequency?: AnomalyAlertFrequency;

  /**
   * Email addresses that receive daily or weekly summaries, at most 10.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * The SNS topic that receives immediate alerts. Its policy is extended to let Cost Anomaly
   * Detection (`costalerts.amazonaws.com`) publish from this account.
   *
   * @default - none
   */
  readonly topic?: sns.ITopic;

  /**
   * Alert only on anomalies whose total impact is at least this many US dollars.
   *
   * @default 100
   */
  readonly minimumImpact?: number;

  /**
   * Alert only on anomalies whose impact is also at least this percentage of the expected spend.
   *
   * @default - no percentage condition
   */
  readonly minimumImpactPercentage?: number;
}

/** Most tag values one custom anomaly monitor may select (aws-facts §5). */
export const MAX_VALUES_PER_MONITOR = 10;

/** Most email subscribers of an anomaly subscription. */
const MAX_ANOMALY_EMAIL_SUBSCRIBERS = 10;

/** Monitor and subscription names AWS accepts (Cost Explorer API: 1 to 1024 characters). */
const MAX_NAME_LENGTH = 1024;

/**
 * Cost Anomaly Detection on the values of one cost allocation tag key: custom monitors
 * (`AWS::CE::AnomalyMonitor`, tag based) and one subscription (`AWS::CE::AnomalySubscription`)
 * that alerts its subscribers when an anomaly's impact passes the threshold.
 *
 * Tag-based monitors belong in the organization's management (payer) account, like
 * `CostAllocationTags`: deploy this construct there.
 *
 * @example
 * new CostAnomalyAlerts(this, 'CostCenterAnomalies', {
 *   tagKey: 'CostCenter',
 *   values: ['CC-1001', 'CC-2002', 'CC-3003'],
 *   emails: ['finops@example.com'],
 * });
 */
export class CostAnomalyAlerts extends Construct {
  /** The monitored tag key. */
  public readonly tagKey: string;

  /** The monitored values of `tagKey`. */
  public readonly tagValues: string[];

  /** The monitors, each on at most 10 values. */
  public readonly monitors: ce.CfnAnomalyMonitor[];

  /** The subscription that alerts on anomalies of every monitor. */
  public readonly subscription: ce.CfnAnomalySubscription;

  public constructor(scope: Construct, id: string, props: CostAnomalyAlertsProps) {
    super(scope, id);
    this.tagKey = props.tagKey;
    const definition = Token.isUnresolved(props.tagKey) ? undefined : props.taxonomy?.findKey(props.tagKey);
    this.tagValues = [...new Set(props.values ?? definition?.allowedValues ?? [])];
    const frequency = props.frequency ?? AnomalyAlertFrequency.DAILY;
    const emails = props.emails ?? [];
    const subject = `Cost anomaly alerts on '${props.tagKey}'`;

    const errors = this.propsProblems(props, frequency, emails, subject);
    for (const value of this.tagValues) {
      const selection = checkTagSelection({ [props.tagKey]: value }, props.taxonomy, subject);
      errors.push(...selection.errors);
      selection.warnings.forEach((w) => Annotations.of(this).addWarningV2(`cdk-bedrock-projects:anomalyTag:${w.key}`, w.message));
    }
    if (errors.length > 0) {
      throw validationError(this, 'CostAnomalyAlertsInvalid', [...new Set(errors)]);
    }

    if (props.topic) {
      allowPublishFrom(this, props.topic, 'costalerts.amazonaws.com', 'AllowCostAnomalyDetectionToPublish');
    }
    const baseName = Names.uniqueResourceName(this, { maxLength: 200 });
    const chunks = chunk(this.tagValues, MAX_VALUES_PER_MONITOR);
    this.monitors = chunks.map((values, index) => new ce.CfnAnomalyMonitor(this, chunks.length === 1 ? 'Monitor' : `Monitor${index + 1}`, {
      monitorName: chunks.length === 1 ? baseName : `${baseName}-${index + 1}`,
      monitorType: 'CUSTOM',
      monitorSpecification: JSON.stringify({ Tags: { Key: props.tagKey, Values: values } }),
    }));
    this.subscription = new ce.CfnAnomalySubscription(this, 'Subscription', {
      subscriptionName: baseName,
      frequency,
      monitorArnList: this.monitors.map((m) => m.attrMonitorArn),
      subscribers: [
        ...emails.map((address) => ({ type: 'EMAIL', address })),
        ...(props.topic ? [{ type: 'SNS', address: props.topic.topicArn }] : []),
      ],
      thresholdExpression: JSON.stringify(thresholdExpression(props.minimumImpact ?? 100, props.minimumImpactPercentage)),
    });
  }

  private propsProblems(props: CostAnomalyAlertsProps, frequency: AnomalyAlertFrequency, emails: string[], subject: string): string[] {
    const errors: string[] = [];
    if (this.tagValues.length === 0) {
      errors.push(`${subject}: no values to monitor; give values, or a taxonomy that declares allowedValues for '${props.tagKey}'`);
    }
    if (frequency === AnomalyAlertFrequency.IMMEDIATE) {
      if (!props.topic) {
        errors.push(`${subject}: IMMEDIATE alerts are sent to an SNS topic only; give a topic, or choose DAILY or WEEKLY for emails`);
      }
      if (emails.length > 0) {
        errors.push(`${subject}: IMMEDIATE alerts cannot go to emails; subscribe the emails to the topic, or choose DAILY or WEEKLY`);
      }
    } else {
      if (props.topic) {
        errors.push(`${subject}: ${frequency} summaries are sent by email only; choose IMMEDIATE for the topic, or give emails`);
      }
      if (emails.length === 0) {
        errors.push(`${subject}: ${frequency} summaries need at least one email subscriber; give emails`);
      }
    }
    errors.push(...emailProblems(emails, MAX_ANOMALY_EMAIL_SUBSCRIBERS).map((p) => `${subject}: ${p}`));
    for (const [name, value] of [['minimumImpact', props.minimumImpact], ['minimumImpactPercentage', props.minimumImpactPercentage]] as const) {
      if (value !== undefined && !Token.isUnresolved(value) && !(Number.isFinite(value) && value >= 0)) {
        errors.push(`${subject}: ${name} ${value} is not zero or a positive number`);
      }
    }
    const nameLength = Names.uniqueResourceName(this, { maxLength: 200 }).length + 3;
    if (nameLength > MAX_NAME_LENGTH) {
      errors.push(`${subject}: the monitor name would exceed ${MAX_NAME_LENGTH} characters`);
    }
    return errors;
  }
}

/** Cost Anomaly Detection's threshold expression on an anomaly's total impact. */
function thresholdExpression(absolute: number, percentage: number | undefined): unknown {
  const impact = (key: string, value: number) => ({
    Dimensions: { Key: key, MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(value)] },
  });
  const absoluteImpact = impact('ANOMALY_TOTAL_IMPACT_ABSOLUTE', absolute);
  return percentage === undefined ? absoluteImpact : { And: [absoluteImpact, impact('ANOMALY_TOTAL_IMPACT_PERCENTAGE', percentage)] };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}
