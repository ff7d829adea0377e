import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { CostAllocationHandlerFunction } from './cost-allocation-handler-function';
import { suppressNagFindings } from '../providers/nag-suppressions';
import { ProviderOptions } from '../providers/provider-options';
import { defaultPolicyOf, optionsOf, ProviderSettings, rememberOptions } from '../providers/provider-settings';

/**
 * The Cost Explorer actions for reading and setting key status. Cost Explorer's cost allocation
 * tag actions support no resource-level permissions, so `*` is the only possible resource.
 */
const STATUS_ACTIONS = ['ce:ListCostAllocationTags', 'ce:UpdateCostAllocationTagsStatus'];

/**
 * Granted only where a construct configures a backfill: to the onEvent handler, and to the retry
 * activator when retries are on. Both start backfills, and both read the history to know whether
 * one was requested since the keys were last activated (the activator on every run, the onEvent
 * handler on an update that changes neither the date nor the keys' status).
 */
const BACKFILL_ACTIONS = ['ce:ListCostAllocationTagBackfillHistory', 'ce:StartCostAllocationTagBackfill'];

/** The construct id of the provider, one per stack. */
const PROVIDER_ID = 'CostAllocationTagsProvider';

/** What a retry schedule needs: the function to invoke and the role that may invoke it. */
export interface RetryTarget {
  readonly activator: lambda.IFunction;
  readonly schedulerRole: iam.IRole;
}

/**
 * The custom resource provider behind every `CostAllocationTags` of a stack: one per stack,
 * however many constructs use it. It also owns the retry activator and the role the retry
 * schedules use, both created only when a construct asks for retries.
 */
export class CostAllocationTagsProvider extends Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: Construct): CostAllocationTagsProvider {
    const stack = Stack.of(scope);
    return CostAllocationTagsProvider.existing(stack) ?? new CostAllocationTagsProvider(stack, PROVIDER_ID);
  }

  /**
   * Sets the options of the stack's provider: applied now if it exists, and when it is made
   * otherwise, so that a stack without cost allocation tags gets no provider.
   */
  public static configure(scope: Construct, options: ProviderOptions): void {
    const stack = Stack.of(scope);
    const existing = CostAllocationTagsProvider.existing(stack);
    if (existing) {
      existing.settings.configure(options);
    } else {
      rememberOptions(stack, PROVIDER_ID, options);
    }
  }

  private static existing(stack: Stack): CostAllocationTagsProvider | undefined {
    return stack.node.tryFindChild(PROVIDER_ID) as CostAllocationTagsProvider | undefined;
  }

  /** The service token that `Custom::CostAllocationTags` resources use. */
  public readonly serviceToken: string;

  /** The function that handles CloudFormation events. */
  public readonly onEventHandler: lambda.Function;

  private readonly settings: ProviderSettings;
  private backfillGranted = false;
  private activatorBackfillGranted = false;
  private retry?: RetryTarget;
  private scheduleControl?: iam.PolicyStatement;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.settings = new ProviderSettings(optionsOf(Stack.of(this), PROVIDER_ID));

    this.onEventHandler = this.newFunction('OnEventHandler', 'Activates cost allocation tags for CostAllocationTags resources (cdk-bedrock-projects)');

    this.serviceToken = this.settings.provider(this, 'Provider', this.onEventHandler).serviceToken;
  }

  /**
   * Allows the onEvent handler to read the backfill history and start backfills; called by
   * constructs that configure one.
   */
  public grantBackfill(): void {
    if (this.backfillGranted) {
      return;
    }
    this.backfillGranted = true;
    this.onEventHandler.addToRolePolicy(new iam.PolicyStatement({
      actions: BACKFILL_ACTIONS,
      resources: ['*'],
    }));
  }

  /**
   * Allows the retry activator to read the backfill history and start backfills; called by
   * constructs that configure a backfill and retries. Creates the activator if needed.
   */
  public grantActivatorBackfill(): void {
    if (this.activatorBackfillGranted) {
      return;
    }
    this.activatorBackfillGranted = true;
    this.retryTarget().activator.addToRolePolicy(new iam.PolicyStatement({
      actions: BACKFILL_ACTIONS,
      resources: ['*'],
    }));
  }

  /**
   * Allows the activator to turn `schedule` off once nothing is left for it to do: read it, write
   * it back disabled, and pass its role to Scheduler (an update names the role again). Only the
   * schedules of this stack's constructs, only their role, only to Scheduler.
   */
  public grantScheduleControl(schedule: scheduler.CfnSchedule): void {
    if (this.scheduleControl) {
      this.scheduleControl.addResources(schedule.attrArn);
      return;
    }
    const target = this.retryTarget();
    this.scheduleControl = new iam.PolicyStatement({
      actions: ['scheduler:GetSchedule', 'scheduler:UpdateSchedule'],
      resources: [schedule.attrArn],
    });
    // A policy of its own rather than the activator role's default policy: the function depends
    // on that one, and the schedules on the function, so naming a schedule there would be a cycle.
    new iam.Policy(this, 'RetryActivatorSchedulePolicy', {
      roles: [target.activator.role!],
      statements: [
        this.scheduleControl,
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [target.schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      ],
    });
  }

  /**
   * The activator and the scheduler role, created on first use. The activator runs the same
   * bundle as the onEvent handler but has its own role, with the backfill permissions only when
   * {@link grantActivatorBackfill} is called.
   */
  public retryTarget(): RetryTarget {
    if (this.retry) {
      return this.retry;
    }
    const activator = this.newFunction('RetryActivator', 'Activates cost allocation tags that were pending at deployment (cdk-bedrock-projects)');
    const stack = Stack.of(this);
    const schedulerRole = new iam.Role(this, 'RetryScheduleRole', {
      description: 'Lets EventBridge Scheduler invoke the cost allocation tag retry activator',
      // Only schedules of this account may assume the role (confused-deputy protection).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    schedulerRole.addToPolicy(new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [activator.functionArn],
    }));
    this.retry = { activator, schedulerRole };
    return this.retry;
  }

  private newFunction(id: string, description: string): lambda.Function {
    const logGroup = this.settings.logGroup(this, `${id}Logs`);
    const role = this.settings.handlerRole(this, `${id}Role`, logGroup);
    const fn = new CostAllocationHandlerFunction(this, id, {
      description,
      // Enough for 500 keys (5 reads, 25 writes) with throttling backoff in between.
      timeout: Duration.minutes(5),
      memorySize: 256,
      logGroup,
      role,
    });
    this.settings.addFunction(fn);
    role.addToPolicy(new iam.PolicyStatement({
      actions: STATUS_ACTIONS,
      resources: ['*'],
    }));
    suppressNagFindings(defaultPolicyOf(role), [{
      id: 'AwsSolutions-IAM5',
      reason: 'The Cost Explorer actions on cost allocation tags and their backfills support no resource-level permissions: * is the only resource they accept',
      appliesTo: ['Resource::*'],
    }]);
    return fn;
  }
}
