import { Annotations, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { backfillDateProblem } from './backfill-date';
import { CostAllocationTagsProvider } from './cost-allocation-tags-provider';
import { RESOURCE_TYPE, ResourceAttribute, ResourceProperty, RETRY_EVENT_SOURCE, RetryEventField, SCHEDULE_ARN_CONTEXT_ATTRIBUTE } from './resource-contract';
import { rateExpression } from './retry-rate';
import { selectTagKeys } from './tag-key-selection';
import { ProviderOptions } from '../providers/provider-options';
import { TagTaxonomy } from '../taxonomy';
import { validationError } from '../validation-error';

/**
 * Properties of {@link CostAllocationTags}. Give `tagKeys`, `taxonomy` or both; the construct
 * activates the union.
 */
export interface CostAllocationTagsProps {
  /**
   * Tag keys to activate as cost allocation tags. Keys are case-sensitive: `CostCenter` and
   * `costcenter` are two keys and split cost reports, so keys differing only by case are warned
   * about.
   *
   * @default - only the keys of `taxonomy`
   */
  readonly tagKeys?: string[];

  /**
   * A tag taxonomy whose cost allocation keys (those declared with `costAllocation: true`) are
   * activated.
   *
   * @default - only the keys of `tagKeys`
   */
  readonly taxonomy?: TagTaxonomy;

  /**
   * Start a cost allocation tag backfill from this month, written `YYYY-MM-01`: the first day of
   * a month, not in the future, at most 12 months back. A backfill re-applies the current status
   * of all keys to past months, so costs from before the activation are grouped by tag too.
   *
   * A backfill starts when the resource is created, whenever this date changes and when an update
   * activates keys; Cost Explorer runs at most one per 24 hours, and one that is already running
   * is not an error. With `retryUntilActive`, the activator also requests a backfill after it
   * activates keys that were pending at deployment, and asks again on later runs while Cost
   * Explorer refuses it, until one was requested after the last activation. A deployment whose
   * own backfill is refused that way leaves the retry schedule on, so that the activator asks
   * again once the running backfill is over.
   *
   * The 12 months are counted from the day a backfill is requested, not from the deployment: once
   * this date is further back than Cost Explorer allows, later backfills start at the earliest
   * month it still accepts, and the function logs a warning.
   *
   * @default - no backfill
   */
  readonly backfillFrom?: string;

  /**
   * Keep trying to activate keys that Cost Explorer has not registered yet.
   *
   * A new key becomes available for activation only up to 24 hours after it is first used on a
   * resource, so keys of newly tagged projects are usually still pending when the stack deploys.
   * With this option an EventBridge Scheduler schedule invokes an activator function every
   * `retryInterval` while keys were pending at the last deployment, or while a backfill that
   * deployment asked for still has to be requested (see `backfillFrom`). The activator turns the
   * schedule off itself once every key is active and no backfill is owed, until a deployment with
   * pending keys turns it on again.
   *
   * @default true
   */
  readonly retryUntilActive?: boolean;

  /**
   * How often the retry schedule runs; at least one hour, in whole minutes.
   *
   * @default Duration.hours(6)
   */
  readonly retryInterval?: Duration;

  /**
   * Set the keys `Inactive` when they are removed from this construct or the construct is deleted.
   *
   * Activation is account-wide: other stacks, cost reports and budgets may rely on a key being
   * active, so by default keys stay active.
   *
   * A Delete deactivates every key of the resource, including keys that were already active
   * before the resource existed: the resource does not record who activated a key. CloudFormation
   * also sends that Delete when it rolls back a failed first deployment of the stack, so a first
   * deployment that fails after this resource was created deactivates keys that were active
   * before it.
   *
   * Keep the construct's id stable when this is set: a new id is a new logical ID, so
   * CloudFormation creates the new resource and then deletes the old one, whose Delete deactivates
   * the keys the new one has just activated. If that happened, deploy once more to activate them
   * again.
   *
   * @default false
   */
  readonly deactivateOnDelete?: boolean;
}

/**
 * Activates tag keys as cost allocation tags in Cost Explorer, so that Cost Explorer, budgets and
 * the Cost and Usage Report can group costs by them.
 *
 * CloudFormation has no resource for this, so a custom resource calls Cost Explorer (whose
 * endpoint is in us-east-1, whatever the stack's region). Cost allocation tags belong to the
 * payer account: deploy this construct in the organization's management account, or in a
 * standalone account.
 *
 * Keys Cost Explorer has not seen in billing data yet do not fail the deployment: they are
 * reported in `pendingTagKeys` and, unless `retryUntilActive` is false, activated by a scheduled
 * retry once Cost Explorer registers them.
 *
 * @example
 * new CostAllocationTags(this, 'CostAllocationTags', {
 *   tagKeys: ['Application', 'CostCenter'],
 * });
 */
export class CostAllocationTags extends Construct {
  /**
   * Sets the architecture, log retention and log removal of the functions that activate the
   * cost allocation tags of `scope`'s stack, and lets their policy be widened. Call it before or
   * after the stack's `CostAllocationTags` are declared; it creates nothing in a stack without them.
   *
   * @param scope a construct of the stack
   * @param options the provider's settings
   */
  public static configureProvider(scope: Construct, options: ProviderOptions): void {
    CostAllocationTagsProvider.configure(scope, options);
  }

  /** The tag keys this construct activates, deduplicated and sorted. */
  public readonly tagKeys: string[];

  /**
   * The keys active after the last deployment, comma-separated. A very long list is shortened
   * to stay within CloudFormation's response size, ending `,... (+N more)`.
   */
  public readonly activeTagKeys: string;

  /**
   * The keys Cost Explorer had not registered at the last deployment, comma-separated (shortened
   * like `activeTagKeys`); empty when every key is active.
   */
  public readonly pendingTagKeys: string;

  constructor(scope: Construct, id: string, props: CostAllocationTagsProps) {
    super(scope, id);

    const problems: string[] = [];
    if (props.tagKeys === undefined && props.taxonomy === undefined) {
      problems.push('no tag keys given; set tagKeys (e.g. [\'CostCenter\']), taxonomy, or both');
    }
    const selection = selectTagKeys(props.tagKeys, props.taxonomy?.costAllocationKeys);
    if (selection.keys.length === 0 && problems.length === 0) {
      problems.push('the tag key list is empty; list keys in tagKeys or mark taxonomy keys with costAllocation: true');
    }
    if (selection.problems.length > 0) {
      problems.push(`invalid cost allocation tag keys: ${selection.problems.join('; ')}. `
        + 'Fix or remove these keys (AWS tag keys are 1 to 128 characters and may not begin with \'aws:\').');
    }
    for (const group of selection.caseCollisions) {
      Annotations.of(this).addWarningV2(
        `cdk-bedrock-projects:costAllocationKeyCase:${group[0].toLowerCase()}`,
        `Tag keys ${group.map((k) => `'${k}'`).join(', ')} differ only by case. Cost allocation tags are case-sensitive, `
        + 'so they become separate keys and split cost reports; keep one spelling.',
      );
    }
    if (props.backfillFrom !== undefined) {
      const problem = backfillDateProblem(props.backfillFrom);
      if (problem) {
        problems.push(`backfillFrom '${props.backfillFrom}' ${problem}`);
      }
    }
    const retryUntilActive = props.retryUntilActive ?? true;
    const rate = rateExpression(props.retryInterval ?? Duration.hours(6));
    if (retryUntilActive && rate.problem) {
      problems.push(`retryInterval ${rate.problem}`);
    }
    if (problems.length > 0) {
      throw validationError(this, 'CostAllocationTagsInvalid', problems);
    }

    this.tagKeys = selection.keys;

    const provider = CostAllocationTagsProvider.of(this);
    if (props.backfillFrom !== undefined) {
      provider.grantBackfill();
    }

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: RESOURCE_TYPE,
      properties: {
        [ResourceProperty.TAG_KEYS]: this.tagKeys,
        [ResourceProperty.BACKFILL_FROM]: props.backfillFrom,
        [ResourceProperty.DEACTIVATE_ON_DELETE]: String(props.deactivateOnDelete ?? false),
      },
    });
    this.activeTagKeys = resource.getAttString(ResourceAttribute.ACTIVE_TAG_KEYS);
    this.pendingTagKeys = resource.getAttString(ResourceAttribute.PENDING_TAG_KEYS);

    if (retryUntilActive) {
      const target = provider.retryTarget();
      if (props.backfillFrom !== undefined) {
        // Keys pending now are activated later, after the deployment's backfill ran.
        provider.grantActivatorBackfill();
      }
      const schedule = new scheduler.CfnSchedule(this, 'RetrySchedule', {
        description: 'Activates cost allocation tag keys that Cost Explorer had not registered at deployment (cdk-bedrock-projects)',
        scheduleExpression: rate.expression!,
        flexibleTimeWindow: { mode: 'OFF' },
        // The handler answers ENABLED only while keys are pending or a backfill it asked for was
        // refused as already running, so a deployment with nothing left to do leaves it off; and
        // the activator turns it off itself once that is so.
        state: resource.getAttString(ResourceAttribute.RETRY_SCHEDULE_STATE),
        target: {
          arn: target.activator.functionArn,
          roleArn: target.schedulerRole.roleArn,
          input: Stack.of(this).toJsonString({
            [RetryEventField.SOURCE]: RETRY_EVENT_SOURCE,
            [RetryEventField.TAG_KEYS]: this.tagKeys,
            ...(props.backfillFrom !== undefined ? { [RetryEventField.BACKFILL_FROM]: props.backfillFrom } : {}),
            // Scheduler puts the schedule's ARN here, so that the activator can turn it off.
            [RetryEventField.SCHEDULE_ARN]: SCHEDULE_ARN_CONTEXT_ATTRIBUTE,
          }),
          // The next scheduled run is the retry; a failed run is logged by the activator.
          retryPolicy: { maximumRetryAttempts: 0 },
        },
      });
      // The role's policy must exist before the first invocation.
      schedule.node.addDependency(target.schedulerRole);
      provider.grantScheduleControl(schedule);
    }
  }
}
