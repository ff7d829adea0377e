import { BundledHandler, contextWith, createEvent, deleteEvent, Props, retryEvent, sharedEmulatorForFile, sharedSchedulerForFile, updateEvent } from './bundled-handler';
import { CostExplorerEmulator } from '../../emulators/cost-explorer/cost-explorer-emulator';
import { pinClock } from '../../emulators/cost-explorer/pinned-clock';
import { SchedulerEmulator } from '../../emulators/scheduler/scheduler-emulator';

/**
 * The cost allocation handler's JSON log lines are what an operator queries (CloudWatch Logs
 * Insights) to learn which keys a deployment or a scheduled run activated, which are still
 * pending, what happened to the backfill and the retry schedule, and which call failed. Each
 * decision's line is pinned here whole, message and fields: a field that goes missing, changes its
 * name or its value fails the test. Only a wait's length and an error's stack and request id are
 * matched by type, as they differ from run to run.
 */

let emulator: CostExplorerEmulator;
let handler: BundledHandler;
let scheduler: SchedulerEmulator;
let logs: Record<string, unknown>[];

sharedEmulatorForFile((e, h) => {
  emulator = e;
  handler = h;
});
sharedSchedulerForFile((s) => {
  scheduler = s;
});
beforeEach(() => {
  logs = [];
  const capture = (line: string) => void logs.push(JSON.parse(line));
  jest.spyOn(console, 'log').mockImplementation(capture);
  jest.spyOn(console, 'error').mockImplementation(capture);
});
afterEach(() => jest.useRealTimers());

const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';
const LOGICAL_ID = 'CostAllocationTags';
const context = () => contextWith(60_000);

/** A calendar fixed for the tests that log backfill dates: the clock is pinned on a day of March 2027. */
const NOW = '2027-03-15T10:20:30Z';
const LAST_MONTH = '2027-02-01';

/** An error Cost Explorer answered, as the handler logs it. */
function serviceError(name: string, message: string) {
  return { ...schedulerError(name, message, 400), requestId: expect.any(String) };
}

/** An error EventBridge Scheduler answered, as the handler logs it (the emulator sends no request id). */
function schedulerError(name: string, message: string, httpStatusCode: number) {
  return { name, message, fault: 'client', httpStatusCode, stack: expect.any(String) };
}

/** The handler's own error (no service fields), as it logs it. */
function handlerError(message: string) {
  return { name: 'Error', message, stack: expect.any(String) };
}

/** The first line the custom resource writes: the event it got, without its response URL. */
function eventLine(event: ReturnType<typeof createEvent>) {
  return {
    level: 'info',
    message: 'Cost allocation tags event',
    requestType: event.RequestType,
    logicalResourceId: LOGICAL_ID,
    ...('PhysicalResourceId' in event ? { physicalResourceId: event.PhysicalResourceId } : {}),
    resourceProperties: event.ResourceProperties,
    ...(event.RequestType === 'Update' ? { oldResourceProperties: event.OldResourceProperties } : {}),
  };
}

describe('the scheduled activator', () => {
  test('a key Cost Explorer has not seen yet is logged as pending, with the active keys and the keys activated now', async () => {
    emulator.registerKeys(['Application'], 'Active');
    emulator.registerKeys(['CostCenter']);
    await handler(retryEvent(['Application', 'CostCenter', 'Team']), context());
    expect(logs).toEqual([{
      level: 'info',
      message: 'Some cost allocation tag keys are still pending',
      activeTagKeys: ['Application', 'CostCenter'],
      pendingTagKeys: ['Team'],
      activatedNow: ['CostCenter'],
    }]);
  });

  test('every key active is logged as such, with the backfill it started and the date it backfills from', async () => {
    pinClock(NOW);
    emulator.registerKeys(['Application']);
    await handler(retryEvent(['Application'], LAST_MONTH), context());
    expect(logs[0]).toEqual({
      level: 'info',
      message: 'All cost allocation tag keys are active',
      activeTagKeys: ['Application'],
      pendingTagKeys: [],
      activatedNow: ['Application'],
      backfill: 'STARTED',
      backfillFrom: LAST_MONTH,
    });
  });

  test('a backfill date older than Cost Explorer accepts is logged as moved to the earliest month it accepts', async () => {
    pinClock(NOW);
    emulator.registerKeys(['Application']);
    await handler(retryEvent(['Application'], '2025-12-01'), context());
    expect(logs[0]).toEqual({
      level: 'warn',
      message: 'backfillFrom 2025-12-01 is more than 12 months back, further than Cost Explorer backfills; '
        + 'backfilling from 2026-03-01 instead, the earliest month it accepts now. Set a later backfillFrom to stop this warning.',
      backfillFrom: '2025-12-01',
      clampedTo: '2026-03-01',
    });
  });

  test('an activation Cost Explorer refuses is logged with the keys, the backfill date and the service\'s error', async () => {
    pinClock(NOW);
    emulator.linkedAccount = 'all';
    await expect(handler(retryEvent(['Application'], LAST_MONTH), context())).rejects.toThrow(new Error(
      'Scheduled activation of cost allocation tags failed: AccessDeniedException: Failed to update Cost Allocation Tag: '
      + 'Linked account doesn\'t have access to cost allocation tags. Only the organization\'s management (payer) account can activate '
      + 'cost allocation tags; deploy CostAllocationTags there.',
    ));
    expect(logs).toEqual([{
      level: 'error',
      message: 'Scheduled activation of cost allocation tags failed',
      tagKeys: ['Application'],
      backfillFrom: LAST_MONTH,
      error: serviceError('AccessDeniedException', 'Failed to update Cost Allocation Tag: Linked account doesn\'t have access to cost allocation tags.'),
    }]);
  });

  test('a backfill refused after the activation is logged with the keys activated and the service\'s error', async () => {
    pinClock(NOW);
    emulator.registerKeys(['Application']);
    const refusal = 'BackfillFrom \'2028-01-01T00:00:00Z\' must be the first day of a month, within the previous twelve months and not in the future';
    await expect(handler(retryEvent(['Application', 'Team'], '2028-01-01'), context())).rejects.toThrow(new Error(
      `Scheduled backfill of cost allocation tags failed (the keys were activated): ValidationException: ${refusal}.`,
    ));
    expect(logs).toEqual([{
      level: 'error',
      message: 'Scheduled backfill of cost allocation tags failed (the keys were activated)',
      tagKeys: ['Application', 'Team'],
      backfillFrom: '2028-01-01',
      activeTagKeys: ['Application'],
      pendingTagKeys: ['Team'],
      activatedNow: ['Application'],
      error: serviceError('ValidationException', refusal),
    }]);
  });

  describe('its schedule', () => {
    const seedSchedule = () => scheduler.seed('Finops-CostAllocationTagsRetrySchedule-1A2B3C4D');
    const scheduledRun = (scheduleArn: string, remainingMs = 60_000) =>
      handler({ ...(retryEvent(['Application']) as object), scheduleArn }, contextWith(remainingMs));

    test('a schedule turned off because nothing is left to do is logged with its ARN', async () => {
      const schedule = seedSchedule();
      emulator.registerKeys(['Application'], 'Active');
      await scheduledRun(schedule.Arn);
      expect(logs).toEqual([
        { level: 'info', message: 'All cost allocation tag keys are active', activeTagKeys: ['Application'], pendingTagKeys: [], activatedNow: [] },
        { level: 'info', message: 'Turned the retry schedule off: nothing is left to activate or backfill', scheduleArn: schedule.Arn },
      ]);
    });

    test('a schedule that could not be turned off is logged with its ARN and the service\'s error', async () => {
      const schedule = seedSchedule();
      emulator.registerKeys(['Application'], 'Active');
      scheduler.failWith = { status: 403, type: 'AccessDeniedException', message: 'User is not authorized to perform: scheduler:GetSchedule' };
      await expect(scheduledRun(schedule.Arn)).rejects.toThrow(new Error(
        `Every cost allocation tag key is active, but the retry schedule ${schedule.Arn} could not be turned off: `
        + 'AccessDeniedException: User is not authorized to perform: scheduler:GetSchedule. '
        + 'The activator needs scheduler:GetSchedule and scheduler:UpdateSchedule on the schedule, and iam:PassRole on its role.',
      ));
      expect(logs[1]).toEqual({
        level: 'error',
        message: 'Could not turn the retry schedule off',
        scheduleArn: schedule.Arn,
        error: schedulerError('AccessDeniedException', 'User is not authorized to perform: scheduler:GetSchedule', 403),
      });
    });

    test('a payload whose schedule ARN cannot be read is logged as leaving the schedule as deployed, with what it named', async () => {
      emulator.registerKeys(['Application'], 'Active');
      const unreadable = 'arn:aws:scheduler:eu-west-1:111111111111:schedule/no-group';
      await scheduledRun(unreadable);
      expect(logs[1]).toEqual({ level: 'info', message: 'The payload names no schedule to turn off; the schedule stays as deployed', scheduleArn: unreadable });
      expect(scheduler.requests).toEqual([]);
    });
  });
});

describe('the custom resource', () => {
  test('a Create is logged as the event it got, then as created: the keys active, pending and activated now, and the backfill', async () => {
    pinClock(NOW);
    emulator.registerKeys(['Application'], 'Active');
    emulator.registerKeys(['CostCenter']);
    const event = createEvent({ TagKeys: ['Application', 'CostCenter', 'Team'], BackfillFrom: LAST_MONTH });
    await handler(event, context());
    expect(logs).toEqual([
      {
        level: 'info',
        message: 'Cost allocation tags event',
        requestType: 'Create',
        logicalResourceId: LOGICAL_ID,
        resourceProperties: { ...event.ResourceProperties },
      },
      { level: 'info', message: 'Created', active: ['Application', 'CostCenter'], pending: ['Team'], activatedNow: ['CostCenter'], backfill: 'STARTED' },
    ]);
  });

  test('an Update is logged as the event it got, with the physical id and the old properties, then as updated: the keys deactivated now included', async () => {
    emulator.registerKeys(['Application', 'Owner'], 'Active');
    emulator.registerKeys(['CostCenter']);
    const event = updateEvent(PHYSICAL_ID,
      { TagKeys: ['Application', 'CostCenter', 'Team'], DeactivateOnDelete: 'true' },
      { TagKeys: ['Application', 'Owner'], DeactivateOnDelete: 'true' });
    await handler(event, context());
    expect(logs).toEqual([
      {
        level: 'info',
        message: 'Cost allocation tags event',
        requestType: 'Update',
        logicalResourceId: LOGICAL_ID,
        physicalResourceId: PHYSICAL_ID,
        resourceProperties: { ...event.ResourceProperties },
        oldResourceProperties: { ...(event as unknown as { OldResourceProperties: Props }).OldResourceProperties },
      },
      {
        level: 'info',
        message: 'Updated',
        active: ['Application', 'CostCenter'],
        pending: ['Team'],
        activatedNow: ['CostCenter'],
        deactivatedNow: ['Owner'],
        backfill: 'NOT_REQUESTED',
      },
    ]);
  });

  test('a Delete of the framework\'s marker for a failed Create is logged as nothing to delete, with no field', async () => {
    const event = deleteEvent('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', { TagKeys: ['Application'], DeactivateOnDelete: 'true' });
    await handler(event, context());
    expect(logs).toEqual([eventLine(event), { level: 'info', message: 'Nothing to delete: the Create failed' }]);
  });

  test('a Delete with deactivateOnDelete is logged with the keys it deactivated', async () => {
    emulator.registerKeys(['Application'], 'Active');
    emulator.registerKeys(['CostCenter'], 'Inactive');
    const event = deleteEvent(PHYSICAL_ID, { TagKeys: ['Application', 'CostCenter', 'Team'], DeactivateOnDelete: 'true' });
    await handler(event, context());
    expect(logs).toEqual([eventLine(event), { level: 'info', message: 'Deleted', deactivatedNow: ['Application'] }]);
  });

  test('a Delete without deactivateOnDelete is logged as leaving the keys active, naming them', async () => {
    const event = deleteEvent(PHYSICAL_ID, { TagKeys: ['Application', 'Team'] });
    await handler(event, context());
    expect(logs).toEqual([
      eventLine(event),
      { level: 'info', message: 'Deleted; tag keys stay active (deactivateOnDelete is false)', tagKeys: ['Application', 'Team'] },
    ]);
  });

  describe('a failed Create', () => {
    const REFUSAL = { TagKey: 'Team', Code: 'TagKeysQuotaExceededException', Message: 'Too many active tag keys' };
    const REASON = 'Cost Explorer refused to change the status of 1 tag key(s): Team (TagKeysQuotaExceededException: Too many active tag keys)';
    const refusedLine = { level: 'warn', message: 'Cost Explorer refused to change the status of some tag keys', failed: [REFUSAL] };
    const failedLine = { level: 'error', message: 'Cost allocation tags operation failed', requestType: 'Create', logicalResourceId: LOGICAL_ID, error: handlerError(REASON) };

    test('keys Cost Explorer refuses are logged with each refusal, then the failure with the request and the error', async () => {
      emulator.registerKeys(['Application', 'Team']);
      emulator.rejectKey('Team', REFUSAL.Code, REFUSAL.Message);
      const event = createEvent({ TagKeys: ['Application', 'Team'] });
      await expect(handler(event, context())).rejects.toThrow();
      expect(logs).toEqual([eventLine(event), refusedLine, failedLine]);
    });

    test('in a member account, it is logged with the service\'s error, and fails with the advice to deploy in the management account', async () => {
      emulator.linkedAccount = 'all';
      const event = createEvent({ TagKeys: ['Application'] });
      const denial = 'Failed to update Cost Allocation Tag: Linked account doesn\'t have access to cost allocation tags.';
      await expect(handler(event, context())).rejects.toThrow(new Error(
        'Create of cost allocation tags CostAllocationTags failed: this is a member (linked) account of an AWS Organization, and only the management '
        + '(payer) account can activate cost allocation tags. Deploy the CostAllocationTags construct in a stack of the organization\'s management '
        + `account instead. (AccessDeniedException: ${denial})`,
      ));
      expect(logs).toEqual([
        eventLine(event),
        { ...failedLine, error: serviceError('AccessDeniedException', denial) },
      ]);
    });

    test('with deactivateOnDelete, the keys it had activated are deactivated again and logged, before the failure', async () => {
      emulator.registerKeys(['Application', 'Team']);
      emulator.rejectKey('Team', REFUSAL.Code, REFUSAL.Message);
      const event = createEvent({ TagKeys: ['Application', 'Team'], DeactivateOnDelete: 'true' });
      await expect(handler(event, context())).rejects.toThrow();
      expect(logs).toEqual([
        eventLine(event),
        refusedLine,
        { level: 'info', message: 'Deactivated the keys the failed Create had activated', keys: ['Application'] },
        failedLine,
      ]);
    });

    test('with deactivateOnDelete but no key activated, nothing is undone and no undo is logged', async () => {
      emulator.registerKeys(['Team']);
      emulator.rejectKey('Team', REFUSAL.Code, REFUSAL.Message);
      const event = createEvent({ TagKeys: ['Team'], DeactivateOnDelete: 'true' });
      await expect(handler(event, context())).rejects.toThrow();
      expect(logs).toEqual([eventLine(event), refusedLine, failedLine]);
      expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 1 });
    });

    test('an undo Cost Explorer refuses is logged with the keys left active and the service\'s error, and the Create\'s own error is reported', async () => {
      emulator.registerKeys(['Application', 'Team']);
      emulator.rejectKey('Team', REFUSAL.Code, REFUSAL.Message);
      // The activation goes through; the undo, the next update, is refused.
      emulator.injectFaults('access-denied', 1, 'UpdateCostAllocationTagsStatus', 1);
      const event = createEvent({ TagKeys: ['Application', 'Team'], DeactivateOnDelete: 'true' });
      await expect(handler(event, context())).rejects.toThrow(REASON);
      expect(logs).toEqual([
        eventLine(event),
        refusedLine,
        {
          level: 'error',
          message: 'Could not deactivate the keys the failed Create had activated',
          keys: ['Application'],
          error: serviceError('AccessDeniedException', 'User is not authorized to perform: ce:UpdateCostAllocationTagsStatus'),
        },
        failedLine,
      ]);
      expect(emulator.statusOf('Application')).toBe('Active');
    });
  });
});

describe('a retried call is logged with its operation, the attempt, the wait and the error', () => {
  const HOUR = 3_600_000;
  const retryLine = (operation: string, error = 'LimitExceededException: Rate exceeded') =>
    ({ level: 'info', message: 'Retrying Cost Explorer call', operation, attempt: 1, delayMs: expect.any(Number), error });
  const retries = () => logs.filter((line) => line.message === 'Retrying Cost Explorer call');

  test.each([
    'ListCostAllocationTags',
    'UpdateCostAllocationTagsStatus',
    'StartCostAllocationTagBackfill',
  ])('%s', async (operation) => {
    pinClock(NOW);
    emulator.registerKeys(['Application']);
    emulator.injectFaults('throttle', 1, operation);
    await handler(createEvent({ TagKeys: ['Application'], BackfillFrom: LAST_MONTH }), context());
    expect(retries()).toEqual([retryLine(operation)]);
  });

  test('ListCostAllocationTagBackfillHistory', async () => {
    pinClock(NOW);
    emulator.registerKeys(['Application'], 'Active', new Date(Date.parse(NOW) - HOUR).toISOString());
    emulator.injectFaults('throttle', 1, 'ListCostAllocationTagBackfillHistory');
    await handler(retryEvent(['Application'], LAST_MONTH), context());
    expect(retries()).toEqual([retryLine('ListCostAllocationTagBackfillHistory')]);
  });

  test.each(['GetSchedule', 'UpdateSchedule'] as const)('%s (the schedule\'s own calls go through the same retries, one request per attempt)', async (operation) => {
    const schedule = scheduler.seed('Finops-CostAllocationTagsRetrySchedule-1A2B3C4D');
    emulator.registerKeys(['Application'], 'Active');
    // Refused until the deadline, 0.5 s away: the run fails, after a retry or more.
    scheduler.failWith = { status: 500, type: 'InternalServerException', message: 'Unexpected error', operation };
    const run = handler({ ...(retryEvent(['Application']) as object), scheduleArn: schedule.Arn }, contextWith(1_000));
    await expect(run).rejects.toThrow(/could not be turned off/);
    expect(retries()[0]).toEqual(retryLine(operation, 'InternalServerException: Unexpected error'));
    expect(new Set(retries().map((line) => line.operation))).toEqual(new Set([operation]));
    // The SDK client makes one attempt per call; the handler's retries are the only ones.
    expect(scheduler.count(operation)).toBe(retries().length + 1);
  });
});
