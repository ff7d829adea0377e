import { BundledHandler, contextWith, retryEvent, sharedEmulatorForFile, sharedSchedulerForFile, silenceHandlerLogs } from './bundled-handler';
import { CostExplorerEmulator } from '../../emulators/cost-explorer/cost-explorer-emulator';
import { EmulatedSchedule, SchedulerEmulator } from '../../emulators/scheduler/scheduler-emulator';

// The activator turns its own schedule off once nothing is left for it to do, through the bundled
// handler against the Cost Explorer and EventBridge Scheduler emulators.

let costExplorer: CostExplorerEmulator;
let handler: BundledHandler;
let scheduler: SchedulerEmulator;
let schedule: EmulatedSchedule;

sharedEmulatorForFile((e, h) => {
  costExplorer = e;
  handler = h;
});
sharedSchedulerForFile((s) => {
  scheduler = s;
});

beforeEach(() => {
  // As CloudFormation creates it, with every optional field the construct sets and some it does not.
  schedule = scheduler.seed('Finops-CostAllocationTagsRetrySchedule-1A2B3C4D', {
    Description: 'Activates cost allocation tag keys that Cost Explorer had not registered at deployment (cdk-bedrock-projects)',
    ScheduleExpressionTimezone: 'Europe/Dublin',
    StartDate: 1_800_000_000,
    KmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    Target: {
      Arn: 'arn:aws:lambda:eu-west-1:111111111111:function:Finops-RetryActivator',
      RoleArn: 'arn:aws:iam::111111111111:role/Finops-RetryScheduleRole',
      Input: '{"source":"cdk-bedrock-projects.cost-allocation-tags.retry","tagKeys":["A","B"],"scheduleArn":"<aws.scheduler.schedule-arn>"}',
      RetryPolicy: { MaximumRetryAttempts: 0 },
    },
  });
  silenceHandlerLogs();
});

/** The payload as Scheduler delivers it: the context attribute replaced by the schedule's ARN. */
function scheduledRun(tagKeys: string[], backfillFrom?: string) {
  return handler({ ...(retryEvent(tagKeys, backfillFrom) as object), scheduleArn: schedule.Arn }, contextWith(60_000));
}

test('a run that finds every key active turns its schedule off, changing nothing else about it', async () => {
  costExplorer.registerKeys(['A', 'B'], 'Active');
  const result = await scheduledRun(['A', 'B']);
  expect(result).toMatchObject({ pendingTagKeys: [], retrySchedule: 'DISABLED' });
  const { State, LastModificationDate: _modified, ...rest } = scheduler.get(schedule.Name)!;
  const { State: _before, LastModificationDate: _seeded, ...restBefore } = schedule;
  expect(State).toBe('DISABLED');
  expect(rest).toEqual(restBefore);
});

test('a run that activates the last pending keys turns its schedule off', async () => {
  costExplorer.registerKeys(['A'], 'Active');
  costExplorer.registerKeys(['B']);
  const result = await scheduledRun(['A', 'B']);
  expect(result).toMatchObject({ activatedNow: ['B'], pendingTagKeys: [], retrySchedule: 'DISABLED' });
  expect(scheduler.get(schedule.Name)?.State).toBe('DISABLED');
});

test('a run that leaves keys pending keeps its schedule on and does not touch it', async () => {
  costExplorer.registerKeys(['A'], 'Active');
  const result = await scheduledRun(['A', 'B']);
  expect(result).toMatchObject({ pendingTagKeys: ['B'] });
  expect(result.retrySchedule).toBeUndefined();
  expect(scheduler.get(schedule.Name)?.State).toBe('ENABLED');
  expect(scheduler.requests).toHaveLength(0);
});

test('a run whose backfill is refused as already running keeps its schedule on', async () => {
  costExplorer.registerKeys(['A']);
  costExplorer.backfillRunning = true;
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const result = await scheduledRun(['A'], lastMonth);
  expect(result).toMatchObject({ pendingTagKeys: [], backfill: 'ALREADY_RUNNING' });
  expect(scheduler.get(schedule.Name)?.State).toBe('ENABLED');
  expect(scheduler.requests).toHaveLength(0);
});

test('a schedule already off is not written again', async () => {
  costExplorer.registerKeys(['A', 'B'], 'Active');
  scheduler.seed(schedule.Name, { ...schedule, State: 'DISABLED' });
  const result = await scheduledRun(['A', 'B']);
  expect(result.retrySchedule).toBe('DISABLED');
  expect(scheduler.count('UpdateSchedule')).toBe(0);
});

test('a schedule that cannot be turned off fails the run with a message that says what to grant', async () => {
  costExplorer.registerKeys(['A', 'B'], 'Active');
  scheduler.failWith = { status: 403, type: 'AccessDeniedException', message: 'User is not authorized to perform: scheduler:GetSchedule' };
  await expect(scheduledRun(['A', 'B'])).rejects.toThrow(
    /^Every cost allocation tag key is active, but the retry schedule arn:aws:scheduler:eu-west-1:111111111111:schedule\/default\/Finops-CostAllocationTagsRetrySchedule-1A2B3C4D could not be turned off: .*AccessDeniedException.*scheduler:GetSchedule/,
  );
});

test('a schedule that does not answer before the deadline fails the run in time, naming the service', async () => {
  costExplorer.registerKeys(['A', 'B'], 'Active');
  scheduler.answerDelayMs = 4_000;
  const started = Date.now();
  // 3 s left: the deadline is 1.5 s away, and the answer would come after the Lambda timeout.
  const run = handler({ ...(retryEvent(['A', 'B']) as object), scheduleArn: schedule.Arn }, contextWith(3_000));
  await expect(run).rejects.toThrow(/could not be turned off: AbortError: no answer from EventBridge Scheduler before the handler's deadline\. /);
  expect(Date.now() - started).toBeLessThan(3_000);
});

test('a payload without the schedule\'s ARN (a schedule deployed by an earlier version) leaves the schedule alone', async () => {
  costExplorer.registerKeys(['A', 'B'], 'Active');
  const result = await handler(retryEvent(['A', 'B']), contextWith(60_000));
  expect(result).toMatchObject({ pendingTagKeys: [] });
  expect(result.retrySchedule).toBeUndefined();
  expect(scheduler.requests).toHaveLength(0);
});
