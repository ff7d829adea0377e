import { CostExplorerCalls } from './cost-explorer-calls';

/**
 * Turning the retry schedule off from the activator, once every key is active and no backfill is
 * owed: a schedule left on would invoke the activator every interval for nothing, for as long as
 * the stack lives. The next deployment whose keys are pending turns it on again (the schedule's
 * `State` comes from the custom resource, and a changed key list changes the schedule's payload,
 * so CloudFormation writes the whole schedule again).
 */

/** A schedule as `GetSchedule` returns it; only the fields `UpdateSchedule` takes back matter. */
export interface ScheduleDefinition {
  readonly Name?: string;
  readonly GroupName?: string;
  readonly ScheduleExpression?: string;
  readonly ScheduleExpressionTimezone?: string;
  readonly StartDate?: Date;
  readonly EndDate?: Date;
  readonly Description?: string;
  readonly State?: string;
  readonly KmsKeyArn?: string;
  readonly FlexibleTimeWindow?: unknown;
  readonly Target?: unknown;
  readonly ActionAfterCompletion?: string;
}

/** The EventBridge Scheduler calls the activator makes, as the SDK client exposes them. */
export interface ScheduleApi {
  getSchedule(input: { Name: string; GroupName: string }): Promise<ScheduleDefinition>;
  updateSchedule(input: ScheduleDefinition & { Name: string; GroupName: string; State: 'DISABLED' }): Promise<unknown>;
}

/** A schedule named by its ARN, `arn:<partition>:scheduler:<region>:<account>:schedule/<group>/<name>`. */
export interface ScheduleName {
  readonly region: string;
  readonly group: string;
  readonly name: string;
}

export function parseScheduleArn(arn: string): ScheduleName | undefined {
  const match = /^arn:[^:]+:scheduler:([^:]+):\d{12}:schedule\/([^/]+)\/([^/]+)$/.exec(arn);
  return match ? { region: match[1], group: match[2], name: match[3] } : undefined;
}

/**
 * Sets the schedule `DISABLED`. `UpdateSchedule` replaces the whole schedule, so every field
 * `GetSchedule` returned is sent back unchanged; a schedule already off is not written.
 */
export async function turnOffSchedule(api: ScheduleApi, schedule: ScheduleName, calls: CostExplorerCalls): Promise<'DISABLED'> {
  const ids = { Name: schedule.name, GroupName: schedule.group };
  const live = await calls.run('GetSchedule', () => api.getSchedule(ids));
  if (live.State === 'DISABLED') {
    return 'DISABLED';
  }
  await calls.run('UpdateSchedule', () => api.updateSchedule({
    ...ids,
    ScheduleExpression: live.ScheduleExpression,
    ScheduleExpressionTimezone: live.ScheduleExpressionTimezone,
    StartDate: live.StartDate,
    EndDate: live.EndDate,
    Description: live.Description,
    KmsKeyArn: live.KmsKeyArn,
    FlexibleTimeWindow: live.FlexibleTimeWindow,
    Target: live.Target,
    ActionAfterCompletion: live.ActionAfterCompletion,
    State: 'DISABLED',
  }));
  return 'DISABLED';
}
