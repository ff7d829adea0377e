import { BundledHandler, contextWith, createEvent, retryEvent, sharedEmulatorForFile, silenceHandlerLogs } from './bundled-handler';
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
