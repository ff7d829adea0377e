import { Annotations, Lazy, Token } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { budgetNameProblems, emailProblems, MAX_EMAIL_SUBSCRIBERS, MAX_NOTIFICATIONS_PER_BUDGET } from './budget-limits';
import { BudgetNotification, BudgetNotificationKind, BudgetThresholdType, DEFAULT_BUDGET_NOTIFICATIONS } from './budget-notification';
import { allowPublishFrom } from './notification-topic';
import { checkTagSelection, sortedEntries } from './tag-selection';
import { TagTaxonomy } from '../taxonomy';

/**
 * The period a budget's limit applies to; it starts again at the start of each period.
 */
export enum BudgetPeriod {
  /** Calendar months. */
  MONTHLY = 'MONTHLY',
  /** Calendar quarters. */
  QUARTERLY = 'QUARTERLY',
  /** Calendar years. */
  ANNUALLY = 'ANNUALLY',
}

/**
 * Which cost figure a budget adds up (Cost Explorer's cost metrics).
 */
export enum BudgetCostMetric {
  /** The cost at the rates billed to the account, before discounts are netted. */
  UNBLENDED = 'UnblendedCost',
  /** Upfront and recurring reservation fees spread over the period they cover. */
  AMORTIZED = 'AmortizedCost',
  /** The cost at the organization's averaged (blended) rates. */
  BLENDED = 'BlendedCost',
  /** Unblended cost after discounts. */
  NET_UNBLENDED = 'NetUnblendedCost',
  /** Amortized cost after discounts. */
  NET_AMORTIZED = 'NetAmortizedCost',
}

/**
 * What a budget counts and whom it notifies, apart from its tag selection.
 */
export interface CostBudgetOptions {
  /**
   * The budget's limit in US dollars per period.
   */
  readonly limit: number;

  /**
   * The period the limit applies to.
   *
   * @default BudgetPeriod.MONTHLY
   */
  readonly period?: BudgetPeriod;

  /**
   * The cost figure the budget adds up.
   *
   * @default BudgetCostMetric.UNBLENDED
   */
  readonly costMetric?: BudgetCostMetric;

  /**
   * The budget's name: 1 to 100 characters, without `:` or `\`, unique in the account.
   *
   * @default - a name CloudFormation generates
   */
  readonly budgetName?: string;

  /**
   * Count only these services (Cost Explorer's `SERVICE` dimension, for example
   * `Amazon Bedrock`).
   *
   * By default a budget counts every cost that carries its tags, whatever the service. Bedrock
   * bills many third-party models under Marketplace service names such as
   * `Claude 3.5 Sonnet (Amazon Bedrock Edition)`, not `Amazon Bedrock`, so a list of services
   * misses spend unless it names each of them; Cost Explorer lists the names your account was
   * billed under (`GetDimensionValues` on `SERVICE`).
   *
   * @default - every service: all costs that carry the tags
   */
  readonly services?: string[];

  /**
   * When to notify the subscribers, at most 5.
   *
   * @default - with subscribers: actual spend at 80% and 100% of the limit, and forecasted spend
   * at 100%; without subscribers: no notifications
   */
  readonly notifications?: BudgetNotification[];

  /**
   * Email addresses notified, at most 10.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * An SNS topic notified. Its policy is extended to let AWS Budgets publish from this account
   * (a topic imported from another stack keeps its own policy, which must allow
   * `budgets.amazonaws.com`).
   *
   * @default - none
   */
  readonly topic?: sns.ITopic;
}

/**
 * Properties of a {@link CostBudget}.
 */
export interface CostBudgetProps extends CostBudgetOptions {
  /**
   * The tags a cost must carry, all of them, to count: `{ Team: 'DataScience' }`,
   * `{ CostCenter: 'CC-1001' }`, or one project's whole set of cost allocation tags.
   */
  readonly tags: { [key: string]: string };

  /**
   * The taxonomy the selected keys and values are checked against. Keys it does not mark as
   * cost allocation keys get a warning: billing data carries only activated keys, so such a
   * budget would show $0.
   *
   * @default - only AWS's tag rules are checked
   */
  readonly taxonomy?: TagTaxonomy;
}

/**
 * A monthly, quarterly or annual AWS Budgets cost budget on the costs that carry a set of tags,
 * with notifications on the actual and forecasted spend.
 *
 * The budget is the billed figure: AWS updates it several times a day and billing data lags up
 * to a day behind use. The tags must be activated as cost allocation tags (see
 * `CostAllocationTags`), and tags count only from their activation on.
 *
 * The filter is a `FilterExpression` on the tags (`and` of all of them), on unblended cost unless
 * `costMetric` says otherwise.
 * Everything that carries the tags counts, whatever the service, unless `services` narrows it.
 *
 * @example
 * new CostBudget(this, 'DataScienceBudget', {
 *   tags: { Team: 'DataScience' },
 *   limit: 500,
 *   emails: ['finops@example.com'],
 * });
 */
export class CostBudget extends Construct {
  /**
   * A budget whose tags are known only once the construct tree is final, such as a project's
   * tags after `Tags.of(scope)`.
   * @internal
   */
  public static _fromTagProducer(scope: Construct, id: string, options: CostBudgetOptions, taxonomy: TagTaxonomy | undefined,
    tagsOf: () => { [key: string]: string }, subject: string): CostBudget {
    const budget = new CostBudget(scope, id, { ...options, tags: {}, taxonomy });
    // The filter and the checks are rendered at synth, so they see the producer set here.
    budget.tagsOf = tagsOf;
    budget.subject = subject;
    return budget;
  }

  /** The budget's limit in US dollars per period. */
  public readonly limit: number;

  /** The period the limit applies to. */
  public readonly period: BudgetPeriod;

  /**
   * The budget's name.
   *
   * @default - generated by CloudFormation
   */
  public readonly budgetName?: string;

  /**
   * The services the budget counts.
   *
   * @default - every service
   */
  public readonly services?: string[];

  /** The underlying `AWS::Budgets::Budget`. */
  public readonly resource: budgets.CfnBudget;

  private tagsOf: () => { [key: string]: string };
  private subject: string;
  private readonly taxonomy?: TagTaxonomy;

  public constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    this.limit = props.limit;
    this.period = props.period ?? BudgetPeriod.MONTHLY;
    this.budgetName = props.budgetName;
    this.services = props.services;
    this.taxonomy = props.taxonomy;
    const fixedTags = { ...props.tags };
    this.tagsOf = () => fixedTags;
    this.subject = (props.budgetName !== undefined && !Token.isUnresolved(props.budgetName) ? `Cost budget '${props.budgetName}'` : 'Cost budget');

    const emails = props.emails ?? [];
    const hasSubscribers = emails.length > 0 || props.topic !== undefined;
    const notifications = props.notifications ?? (hasSubscribers ? DEFAULT_BUDGET_NOTIFICATIONS : []);
    if (props.topic) {
      allowPublishFrom(this, props.topic, 'budgets.amazonaws.com', 'AllowAwsBudgetsToPublish');
    }

    this.resource = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: this.period,
        budgetLimit: { amount: props.limit, unit: 'USD' },
        metrics: [props.costMetric ?? BudgetCostMetric.UNBLENDED],
        filterExpression: Lazy.any({ produce: () => this.renderFilter() }),
      },
      notificationsWithSubscribers: notifications.length === 0 ? undefined : notifications.map((n) => ({
        notification: {
          notificationType: n.kind ?? BudgetNotificationKind.ACTUAL,
          comparisonOperator: 'GREATER_THAN',
          threshold: n.threshold,
          thresholdType: n.thresholdType ?? BudgetThresholdType.PERCENTAGE,
        },
        subscribers: [
          ...emails.map((address) => ({ subscriptionType: 'EMAIL', address })),
          ...(props.topic ? [{ subscriptionType: 'SNS', address: props.topic.topicArn }] : []),
        ],
      })),
    });

    this.node.addValidation({ validate: () => this.validateBudget(props, notifications, emails, hasSubscribers) });
  }

  /**
   * The tags a cost must carry to count, as they are once the construct tree is final (for a
   * project's budget, its cost allocation tags after `Tags.of(scope)`).
   */
  public get tags(): { [key: string]: string } {
    return { ...this.tagsOf() };
  }

  private renderFilter(): budgets.CfnBudget.ExpressionProperty {
    const filters: budgets.CfnBudget.ExpressionProperty[] = sortedEntries(this.tagsOf())
      .map(([key, value]) => ({ tags: { key, values: [value], matchOptions: ['EQUALS'] } }));
    if (this.services !== undefined) {
      filters.push({ dimensions: { key: 'SERVICE', values: [...this.services], matchOptions: ['EQUALS'] } });
    }
    return filters.length === 1 ? filters[0] : { and: filters };
  }

  private validateBudget(props: CostBudgetProps, notifications: BudgetNotification[], emails: string[], hasSubscribers: boolean): string[] {
    const subject = this.subject;
    const errors: string[] = [];
    const tags = this.tagsOf();
    if (Object.keys(tags).length === 0) {
      errors.push(`${subject}: selects no tags, so it would count the whole account's spend; select at least one tag (for a project's budget, give the project cost allocation tags)`);
    }
    const selection = checkTagSelection(tags, this.taxonomy, subject);
    errors.push(...selection.errors);
    for (const warning of selection.warnings) {
      Annotations.of(this).addWarningV2(`cdk-bedrock-projects:budgetTag:${warning.key}`, warning.message);
    }

    if (!Token.isUnresolved(props.limit) && !(Number.isFinite(props.limit) && props.limit > 0)) {
      errors.push(`${subject}: limit ${props.limit} is not a positive amount of US dollars; give the spend allowed per period`);
    }
    if (props.budgetName !== undefined) {
      errors.push(...budgetNameProblems(props.budgetName).map((p) => `${subject}: ${p}`));
    }
    if (props.services !== undefined) {
      if (props.services.length === 0) {
        errors.push(`${subject}: services is an empty list; leave it out to count every service, or name the services to count`);
      }
      for (const service of props.services) {
        if (!Token.isUnresolved(service) && service.trim() === '') {
          errors.push(`${subject}: services contains an empty name; name each service as Cost Explorer's SERVICE dimension does`);
        }
      }
    }

    if (notifications.length > MAX_NOTIFICATIONS_PER_BUDGET) {
      errors.push(`${subject}: has ${notifications.length} notifications but AWS Budgets accepts at most ${MAX_NOTIFICATIONS_PER_BUDGET} per budget; `
        + `remove ${notifications.length - MAX_NOTIFICATIONS_PER_BUDGET}, or put them on a second budget with the same tags`);
    }
    if (notifications.length > 0 && !hasSubscribers) {
      errors.push(`${subject}: has ${notifications.length} notifications but no subscribers; give emails or a topic, or leave notifications out`);
    }
    errors.push(...emailProblems(emails, MAX_EMAIL_SUBSCRIBERS).map((p) => `${subject}: ${p}`));
    const seen = new Set<string>();
    for (const n of notifications) {
      const kind = n.kind ?? BudgetNotificationKind.ACTUAL;
      const type = n.thresholdType ?? BudgetThresholdType.PERCENTAGE;
      if (!Token.isUnresolved(n.threshold) && !(Number.isFinite(n.threshold) && n.threshold > 0)) {
        errors.push(`${subject}: a ${kind} notification has threshold ${n.threshold}; give a positive ${type === BudgetThresholdType.PERCENTAGE ? 'percentage of the limit' : 'amount of US dollars'}`);
      }
      const signature = `${kind} ${n.threshold} ${type}`;
      if (seen.has(signature)) {
        errors.push(`${subject}: the ${kind} notification at ${n.threshold} (${type}) is given twice; AWS Budgets refuses duplicate notifications, keep one`);
      }
      seen.add(signature);
    }
    return errors;
  }
}
