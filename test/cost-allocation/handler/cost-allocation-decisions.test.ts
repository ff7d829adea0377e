import {
  BundledHandler, contextWith, createEvent, deleteEvent, keys, retryEvent, sharedEmulatorForFile, silenceHandlerLogs, updateEvent,
} from './bundled-handler';
import { firstOfMonth } from '../../../src/cost-allocation/backfill-window';
import { CostExplorerEmulator } from '../../emulators/cost-explorer/cost-explorer-emulator';

/**
 * Decisions of the cost allocation handler that the lifecycle tests leave open, pinned where
 * mutation testing showed a small change to the code going unnoticed (docs/mutation-testing.md).
 */

let emulator: CostExplorerEmulator;
let handler: BundledHandler;

sharedEmulatorForFile((e, h) => {
  emulator = e;
  handler = h;
});
beforeEach(silenceHandlerLogs);

describe('reading the keys\' status', () => {
  test('looks at user-defined keys only: an active AWS-generated key of the same name does not make the key active', async () => {
    emulator.registerAwsGeneratedKey('Owner', 'Active');
    emulator.registerKeys(['Application'], 'Inactive');

    const result = await handler(createEvent({ TagKeys: ['Application', 'Owner'] }), contextWith(60_000));

    expect(result.Data).toMatchObject({ ActiveTagKeys: 'Application', PendingTagKeys: 'Owner' });
    expect(emulator.requests.filter((r) => r.operation === 'ListCostAllocationTags').map((r) => r.body.Type)).toEqual(['UserDefined']);
  });
});

describe('whether a backfill is owed after an activation', () => {
  const HOUR = 3_600_000;
  const at = (msAgo: number) => new Date(Date.parse(emulator.timestamp()) - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const wanted = () => firstOfMonth(new Date(emulator.timestamp()), 2);

  /** A backfill from `wanted()` requested 48 h ago (it counts), and a later one an hour ago from this month (it does not cover). */
  function history(): void {
    emulator.backfills.push({ BackfillFrom: `${wanted()}T00:00:00Z`, RequestedAt: at(48 * HOUR) });
    emulator.backfills.push({ BackfillFrom: `${firstOfMonth(new Date(emulator.timestamp()), 0)}T00:00:00Z`, RequestedAt: at(HOUR) });
  }

  test('the backfill history is read page by page: a request on its second page counts, so none is asked again', async () => {
    emulator.registerKeys(['Application'], 'Active', at(72 * HOUR));
    history();
    emulator.pageSizeCap = 1;
    const result = await handler(retryEvent(['Application'], wanted()), contextWith(60_000));
    expect(result).toMatchObject({ backfill: 'UP_TO_DATE' });
    expect(emulator.backfills).toHaveLength(2);
    expect(emulator.requests.filter((r) => r.operation === 'ListCostAllocationTagBackfillHistory')).toHaveLength(2);
  });

  test('only the active keys\' last activation counts: a registered key that could not be activated does not make a backfill owed', async () => {
    // Application was activated 72 h ago and backfilled since; Team was deactivated an hour ago
    // and Cost Explorer will not activate it yet (it stays pending): its date is no activation.
    emulator.registerKeys(['Application'], 'Active', at(72 * HOUR));
    emulator.registerKeys(['Team'], 'Inactive', at(HOUR / 2));
    emulator.notYetActivatable.add('Team');
    history();
    const result = await handler(retryEvent(['Application', 'Team'], wanted()), contextWith(60_000));
    expect(result).toMatchObject({ activeTagKeys: ['Application'], pendingTagKeys: ['Team'], activatedNow: [], backfill: 'UP_TO_DATE' });
    expect(emulator.backfills).toHaveLength(2);
  });
});

describe('the backfill of an Update that keeps the date', () => {
  const HOUR = 3_600_000;
  const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';
  const from = () => firstOfMonth(new Date(emulator.timestamp()), 1);
  const operations = () => emulator.requests.map((r) => r.operation);

  test('an Update that activates a key starts a backfill, even while another key stays pending', async () => {
    emulator.registerKeys(['Application'], 'Active');
    emulator.registerKeys(['CostCenter']);
    const props = { TagKeys: ['Application', 'CostCenter', 'Team'], BackfillFrom: from() };
    const result = await handler(updateEvent(PHYSICAL_ID, props, props), contextWith(60_000));
    expect(result.Data).toMatchObject({ ActiveTagKeys: 'Application,CostCenter', PendingTagKeys: 'Team', BackfillStatus: 'STARTED' });
    expect(operations()).toEqual(['ListCostAllocationTags', 'UpdateCostAllocationTagsStatus', 'StartCostAllocationTagBackfill']);
  });

  test('an Update that activates nothing while a key is pending leaves the backfill to the activator, without reading the history', async () => {
    // Application was activated an hour ago and no backfill was requested since: the activator,
    // which runs while Team is pending, is the one to request it.
    emulator.registerKeys(['Application'], 'Active', new Date(Date.parse(emulator.timestamp()) - HOUR).toISOString());
    const props = { TagKeys: ['Application', 'Team'], BackfillFrom: from() };
    const result = await handler(updateEvent(PHYSICAL_ID, props, props), contextWith(60_000));
    expect(result.Data).toMatchObject({ PendingTagKeys: 'Team', BackfillStatus: 'UNCHANGED', RetryScheduleState: 'ENABLED' });
    expect(operations()).toEqual(['ListCostAllocationTags']);
  });
});

describe('keys Cost Explorer does not take', () => {
  test('a key with a trailing space that a ValidationException names trimmed is pending, and the rest of the batch is activated', async () => {
    emulator.registerKeys(['Application', 'Team ']);
    emulator.notYetActivatable.add('Team ');
    emulator.notFoundStyle = 'validation-exception';
    const result = await handler(createEvent({ TagKeys: ['Application', 'Team '] }), contextWith(60_000));
    expect(result.Data).toMatchObject({ ActiveTagKeys: 'Application', PendingTagKeys: 'Team ' });
    expect(emulator.activeKeys()).toEqual(['Application']);
  });

  const refusal = (key: string) => `${key} (TagKeysQuotaExceededException: Too many active tag keys)`;
  const refuseAll = (all: string[]) => {
    emulator.registerKeys(all);
    all.forEach((key) => emulator.rejectKey(key, 'TagKeysQuotaExceededException', 'Too many active tag keys'));
  };

  test('five refused keys are all named in the failure, with no count of more', async () => {
    const all = keys(5);
    refuseAll(all);
    await expect(handler(createEvent({ TagKeys: all }), contextWith(60_000))).rejects.toThrow(new Error(
      `Create of cost allocation tags CostAllocationTags failed: Cost Explorer refused to change the status of 5 tag key(s): ${all.map(refusal).join('; ')}`,
    ));
  });

  test('a sixth refused key is counted, not named', async () => {
    const all = keys(6);
    refuseAll(all);
    await expect(handler(createEvent({ TagKeys: all }), contextWith(60_000))).rejects.toThrow(new Error(
      'Create of cost allocation tags CostAllocationTags failed: Cost Explorer refused to change the status of 6 tag key(s): '
      + `${all.slice(0, 5).map(refusal).join('; ')}; and 1 more (see the function's log)`,
    ));
  });
});

describe('the keys each step reads', () => {
  const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';
  const read = () => emulator.requests.filter((r) => r.operation === 'ListCostAllocationTags').map((r) => r.body.TagKeys);

  test('a Create, an Update without deactivateOnDelete and a scheduled run read the keys of the list, and nothing else', async () => {
    await handler(createEvent({ TagKeys: ['Application'] }), contextWith(60_000));
    await handler(updateEvent(PHYSICAL_ID, { TagKeys: ['Team'] }, { TagKeys: ['Application'] }), contextWith(60_000));
    await handler(retryEvent(['CostCenter']), contextWith(60_000));
    expect(read()).toEqual([['Application'], ['Team'], ['CostCenter']]);
  });

  test('an Update with deactivateOnDelete also reads the keys it dropped; a Delete reads the keys it deactivates', async () => {
    const props = (tagKeys: string[]) => ({ TagKeys: tagKeys, DeactivateOnDelete: 'true' });
    await handler(updateEvent(PHYSICAL_ID, props(['Team']), props(['Application', 'Team'])), contextWith(60_000));
    await handler(deleteEvent(PHYSICAL_ID, props(['Team'])), contextWith(60_000));
    expect(read()).toEqual([['Team', 'Application'], ['Team']]);
  });
});

describe('the Lambda entry', () => {
  const refusal = (event: unknown) =>
    new Error(`Unsupported event: expected a CloudFormation custom resource event or the retry schedule's payload, got ${JSON.stringify(event).slice(0, 300)}`);

  test.each([
    ['no request type', { LogicalResourceId: 'CostAllocationTags' }],
    ['a request type CloudFormation does not send', { RequestType: 'Replace', LogicalResourceId: 'CostAllocationTags' }],
    ['another source', { source: 'aws.events', tagKeys: ['Application'] }],
  ])('refuses an event with %s, quoting it, and calls nothing', async (_what, event) => {
    await expect(handler(event, contextWith(60_000))).rejects.toThrow(refusal(event));
    expect(emulator.calls).toEqual({});
  });

  test('quotes only the first 300 characters of a long event', async () => {
    const event = { note: 'x'.repeat(400) };
    const error: Error = await handler(event, contextWith(60_000)).catch((e: Error) => e);
    expect(error).toEqual(refusal(event));
    expect(error.message).toMatch(/got \{"note":"x{291}$/);
  });
});
