import { BundledHandler, contextWith, createEvent, deleteEvent, keys, updateEvent, sharedEmulatorForFile } from './bundled-handler';
import { CostExplorerEmulator } from '../../emulators/cost-explorer/cost-explorer-emulator';

// The bundled handler through the custom resource lifecycle, over real HTTP against the emulator.

let emulator: CostExplorerEmulator;
let handler: BundledHandler;
let errors: string[];
const context = () => contextWith(60_000);
const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';

sharedEmulatorForFile((e, h) => {
  emulator = e;
  handler = h;
});
beforeEach(() => {
  errors = [];
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
});

/** Update requests as the lists of keys they carried. */
function updateBatches(): { keys: string[]; status: string }[] {
  return emulator.requests
    .filter((r) => r.operation === 'UpdateCostAllocationTagsStatus')
    .map((r) => {
      const entries = r.body.CostAllocationTagsStatus as { TagKey: string; Status: string }[];
      return { keys: entries.map((e) => e.TagKey), status: entries[0].Status };
    });
}

describe('Create', () => {
  test('activates registered inactive keys, leaves active ones alone and reports unregistered ones as pending', async () => {
    emulator.registerKeys(['Application', 'CostCenter'], 'Inactive');
    emulator.registerKeys(['Owner'], 'Active');

    const result = await handler(createEvent({ TagKeys: ['Application', 'CostCenter', 'Owner', 'Team'] }), context());

    expect(result).toEqual({
      PhysicalResourceId: PHYSICAL_ID,
      Data: {
        ActiveTagKeys: 'Application,CostCenter,Owner',
        PendingTagKeys: 'Team',
        ActiveTagKeyCount: '3',
        PendingTagKeyCount: '1',
        RetryScheduleState: 'ENABLED',
        BackfillStatus: 'NOT_REQUESTED',
      },
    });
    expect(emulator.activeKeys()).toEqual(['Application', 'CostCenter', 'Owner']);
    // Only the inactive keys are written; the unregistered key is not sent at all.
    expect(updateBatches()).toEqual([{ keys: ['Application', 'CostCenter'], status: 'Active' }]);
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 1 });
  });

  test('turns the retry schedule off when every key is active', async () => {
    emulator.registerKeys(['Application']);
    const result = await handler(createEvent({ TagKeys: ['Application'] }), context());
    expect(result.Data).toMatchObject({ PendingTagKeys: '', PendingTagKeyCount: '0', RetryScheduleState: 'DISABLED' });
  });

  test('sends at most 20 keys per update and at most 100 keys per list call', async () => {
    const many = keys(250);
    emulator.registerKeys(many);

    await handler(createEvent({ TagKeys: many }), context());

    expect(emulator.activeKeys()).toEqual(many);
    const listed = emulator.requests.filter((r) => r.operation === 'ListCostAllocationTags').map((r) => (r.body.TagKeys as string[]).length);
    expect(listed).toEqual([100, 100, 50]);
    const batches = updateBatches().map((b) => b.keys.length);
    expect(batches).toEqual([...Array(12).fill(20), 10]);
  });

  test('follows NextToken when the service pages a filtered answer', async () => {
    emulator.registerKeys(keys(30));
    emulator.pageSizeCap = 7;
    const result = await handler(createEvent({ TagKeys: keys(30) }), context());
    expect(result.Data.ActiveTagKeyCount).toBe('30');
    expect(emulator.calls.ListCostAllocationTags).toBe(5);
  });

  test('treats per-key TagKeysNotFoundException errors as pending, not as failure', async () => {
    emulator.registerKeys(['A', 'B', 'C']);
    emulator.notYetActivatable.add('B');
    const result = await handler(createEvent({ TagKeys: ['A', 'B', 'C'] }), context());
    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,C', PendingTagKeys: 'B' });
    expect(emulator.activeKeys()).toEqual(['A', 'C']);
  });

  test('treats a top-level "ValidationException ... Tag keys not found" as pending and resends the rest of the batch', async () => {
    emulator.registerKeys(['A', 'B', 'C', 'D']);
    emulator.notYetActivatable.add('B');
    emulator.notYetActivatable.add('D');
    emulator.notFoundStyle = 'validation-exception';

    const result = await handler(createEvent({ TagKeys: ['A', 'B', 'C', 'D'] }), context());

    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,C', PendingTagKeys: 'B,D' });
    expect(updateBatches().map((b) => b.keys)).toEqual([['A', 'B', 'C', 'D'], ['A', 'C']]);
    expect(emulator.activeKeys()).toEqual(['A', 'C']);
  });

  test('fails on other per-key errors with a one-line message naming the key and code', async () => {
    emulator.registerKeys(['A', 'B']);
    emulator.rejectKey('B', 'TagKeysQuotaExceededException', 'Too many active tag keys');

    const failure = handler(createEvent({ TagKeys: ['A', 'B'] }), context());

    await expect(failure).rejects.toThrow(/^Create of cost allocation tags CostAllocationTags failed: .*B \(TagKeysQuotaExceededException: Too many active tag keys\)$/);
    await failure.catch((e: Error) => expect(e.message).not.toContain('\n'));
    // The default keeps activated keys active: activation is account-wide.
    expect(emulator.statusOf('A')).toBe('Active');
    expect(JSON.parse(errors[0])).toMatchObject({ level: 'error', requestType: 'Create' });
  });

  test('names only a few refused keys in the failure, which CloudFormation caps with its 4 KB response', async () => {
    const all = keys(100);
    emulator.registerKeys(all);
    for (const key of all) {
      emulator.rejectKey(key, 'TagKeysQuotaExceededException', 'The active user-defined cost allocation tag key quota of 500 is exceeded');
    }

    const failure = await handler(createEvent({ TagKeys: all }), context()).catch((e: Error) => e);

    expect(failure.message).toMatch(/refused to change the status of 100 tag key\(s\): Key000 \(TagKeysQuotaExceededException: .*; and 95 more/);
    expect(Buffer.byteLength(failure.message)).toBeLessThan(1_500);
    expect(JSON.stringify((console.log as jest.Mock).mock.calls)).toContain('Key099');
  });

  test('undoes its own activations before failing when deactivateOnDelete is set, because no Delete follows a failed Create', async () => {
    const all = keys(25);
    emulator.registerKeys(all);
    emulator.rejectKey('Key024', 'SomeOtherError', 'refused');

    await expect(handler(createEvent({ TagKeys: all, DeactivateOnDelete: 'true' }), context())).rejects.toThrow(/Key024/);

    expect(emulator.activeKeys()).toEqual([]);
    expect(updateBatches().filter((b) => b.status === 'Inactive').flatMap((b) => b.keys)).toHaveLength(24);
  });

  test('tells a member account to deploy in the management (payer) account, and logs the detail as JSON', async () => {
    emulator.linkedAccount = 'all';

    const failure = handler(createEvent({ TagKeys: ['A'] }), context());

    await expect(failure).rejects.toThrow(/management \(payer\) account/);
    await failure.catch((e: Error) => {
      expect(e.message).toContain('AccessDeniedException');
      expect(e.message).not.toContain('\n');
    });
    const logged = JSON.parse(errors[0]);
    expect(logged.error).toMatchObject({ name: 'AccessDeniedException', httpStatusCode: 400 });
  });

  test('gives the same advice when a member account may list but not update', async () => {
    emulator.registerKeys(['A']);
    emulator.linkedAccount = 'writes';
    await expect(handler(createEvent({ TagKeys: ['A'] }), context())).rejects.toThrow(/management \(payer\) account/);
  });

  test('fails with a readable message when TagKeys is not a list', async () => {
    await expect(handler(createEvent({ TagKeys: 'Application' }), context())).rejects.toThrow(/TagKeys must be a list of tag keys/);
    expect(emulator.calls).toEqual({});
  });

  test('accepts TagKeys sent as a JSON string', async () => {
    emulator.registerKeys(['A']);
    const result = await handler(createEvent({ TagKeys: JSON.stringify(['A', 'A']) }), context());
    expect(result.Data.ActiveTagKeys).toBe('A');
  });

  test('keeps Data under 4 KB with 500 keys of 128 characters, with exact counts', async () => {
    const long = keys(500).map((k) => k.padEnd(128, 'x'));
    emulator.registerKeys(long.slice(0, 250));

    const result = await handler(createEvent({ TagKeys: long }), context());

    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(3_000);
    expect(result.Data.ActiveTagKeyCount).toBe('250');
    expect(result.Data.PendingTagKeyCount).toBe('250');
    expect(result.Data.ActiveTagKeys).toMatch(/^Key000x+,Key001x+,.*,\.\.\. \(\+\d+ more\)$/);
    const shown = result.Data.PendingTagKeys.split(',').length - 1;
    expect(result.Data.PendingTagKeys).toContain(`(+${250 - shown} more)`);
  });
});

describe('Update', () => {
  test('a no-op update reads once and writes nothing', async () => {
    emulator.registerKeys(['A', 'B'], 'Active');
    const props = { TagKeys: ['A', 'B', 'C'] };
    const result = await handler(updateEvent(PHYSICAL_ID, props, props), context());
    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,B', PendingTagKeys: 'C' });
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1 });
  });

  test('activates added keys and keys registered since the last deployment, keeping the physical ID', async () => {
    emulator.registerKeys(['A'], 'Active');
    emulator.registerKeys(['B', 'C'], 'Inactive'); // B was pending at Create and is registered now

    const result = await handler(updateEvent(PHYSICAL_ID, { TagKeys: ['A', 'B', 'C'] }, { TagKeys: ['A', 'B'] }), context());

    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(emulator.activeKeys()).toEqual(['A', 'B', 'C']);
    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,B,C', PendingTagKeys: '' });
  });

  test('leaves removed keys active by default', async () => {
    emulator.registerKeys(['A', 'B'], 'Active');
    await handler(updateEvent(PHYSICAL_ID, { TagKeys: ['A'] }, { TagKeys: ['A', 'B'] }), context());
    expect(emulator.activeKeys()).toEqual(['A', 'B']);
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1 });
  });

  test('deactivates removed keys with deactivateOnDelete', async () => {
    emulator.registerKeys(['A', 'B', 'C'], 'Active');
    const result = await handler(updateEvent(PHYSICAL_ID,
      { TagKeys: ['A'], DeactivateOnDelete: 'true' },
      { TagKeys: ['A', 'B', 'C', 'Unregistered'], DeactivateOnDelete: 'true' }), context());
    expect(emulator.activeKeys()).toEqual(['A']);
    expect(updateBatches()).toEqual([{ keys: ['B', 'C'], status: 'Inactive' }]);
    expect(result.Data.ActiveTagKeys).toBe('A');
  });

  test('a rollback update (old and new swapped) undoes the keys a failed update added, with deactivateOnDelete', async () => {
    emulator.registerKeys(['A', 'B']);
    const before = { TagKeys: ['A'], DeactivateOnDelete: 'true' };
    const after = { TagKeys: ['A', 'B'], DeactivateOnDelete: 'true' };
    await handler(createEvent(before), context());
    await handler(updateEvent(PHYSICAL_ID, after, before), context());
    expect(emulator.activeKeys()).toEqual(['A', 'B']);

    await handler(updateEvent(PHYSICAL_ID, before, after), context());

    expect(emulator.activeKeys()).toEqual(['A']);
  });
});

describe('Delete', () => {
  test('does nothing by default: activation is account-wide', async () => {
    emulator.registerKeys(['A'], 'Active');
    const result = await handler(deleteEvent(PHYSICAL_ID, { TagKeys: ['A'] }), context());
    expect(result).toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(emulator.calls).toEqual({});
    expect(emulator.activeKeys()).toEqual(['A']);
  });

  test('deactivates the active keys with deactivateOnDelete and ignores unregistered ones', async () => {
    emulator.registerKeys(['A', 'B'], 'Active');
    emulator.registerKeys(['C'], 'Inactive');
    await handler(deleteEvent(PHYSICAL_ID, { TagKeys: ['A', 'B', 'C', 'Never'], DeactivateOnDelete: 'true' }), context());
    expect(emulator.activeKeys()).toEqual([]);
    expect(updateBatches()).toEqual([{ keys: ['A', 'B'], status: 'Inactive' }]);
  });

  test('does nothing for the provider framework\'s CREATE_FAILED marker', async () => {
    emulator.registerKeys(['A'], 'Active');
    const result = await handler(deleteEvent('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED',
      { TagKeys: ['A'], DeactivateOnDelete: 'true' }), context());
    expect(result.PhysicalResourceId).toBe('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED');
    expect(emulator.calls).toEqual({});
    expect(emulator.activeKeys()).toEqual(['A']);
  });
});

describe('Backfill', () => {
  const thisMonth = `${new Date().toISOString().slice(0, 7)}-01`;
  const lastMonth = (() => {
    const now = new Date();
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return d.toISOString().slice(0, 10);
  })();

  test('starts on Create, after the keys are activated', async () => {
    emulator.registerKeys(['A']);
    const result = await handler(createEvent({ TagKeys: ['A'], BackfillFrom: lastMonth }), context());
    expect(result.Data.BackfillStatus).toBe('STARTED');
    expect(emulator.backfills).toEqual([{ BackfillFrom: `${lastMonth}T00:00:00Z`, RequestedAt: expect.any(String) }]);
    expect(emulator.requests.map((r) => r.operation)).toEqual(['ListCostAllocationTags', 'UpdateCostAllocationTagsStatus', 'StartCostAllocationTagBackfill']);
  });

  test('a backfill that is already running is not a failure', async () => {
    emulator.backfillRunning = true;
    const result = await handler(createEvent({ TagKeys: ['A'], BackfillFrom: thisMonth }), context());
    expect(result.Data.BackfillStatus).toBe('ALREADY_RUNNING');
    expect(emulator.calls.StartCostAllocationTagBackfill).toBe(1);
  });

  test('a Create whose backfill is refused as already running leaves the retry schedule on', async () => {
    emulator.registerKeys(['A']);
    emulator.backfillRunning = true;
    const result = await handler(createEvent({ TagKeys: ['A'], BackfillFrom: thisMonth }), context());
    expect(result.Data).toMatchObject({ PendingTagKeys: '', BackfillStatus: 'ALREADY_RUNNING', RetryScheduleState: 'ENABLED' });
  });

  test('a Create whose backfill started turns the retry schedule off when every key is active', async () => {
    emulator.registerKeys(['A']);
    const result = await handler(createEvent({ TagKeys: ['A'], BackfillFrom: thisMonth }), context());
    expect(result.Data).toMatchObject({ BackfillStatus: 'STARTED', RetryScheduleState: 'DISABLED' });
  });

  test('starts again on Update only when the date changes', async () => {
    const unchanged = await handler(updateEvent(PHYSICAL_ID, { TagKeys: ['A'], BackfillFrom: thisMonth }, { TagKeys: ['A'], BackfillFrom: thisMonth }), context());
    expect(unchanged.Data.BackfillStatus).toBe('UNCHANGED');
    expect(emulator.calls.StartCostAllocationTagBackfill).toBeUndefined();

    const changed = await handler(updateEvent(PHYSICAL_ID, { TagKeys: ['A'], BackfillFrom: lastMonth }, { TagKeys: ['A'], BackfillFrom: thisMonth }), context());
    expect(changed.Data.BackfillStatus).toBe('STARTED');
    expect(emulator.backfills.map((b) => b.BackfillFrom)).toEqual([`${lastMonth}T00:00:00Z`]);
  });

  test('starts again on Update when the update activates keys, even with the same date', async () => {
    emulator.registerKeys(['A'], 'Active');
    emulator.registerKeys(['B']); // pending at the last deployment, registered since
    const props = { TagKeys: ['A', 'B'], BackfillFrom: thisMonth };

    const result = await handler(updateEvent(PHYSICAL_ID, props, props), context());

    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,B', BackfillStatus: 'STARTED' });
    expect(emulator.requests.map((r) => r.operation)).toEqual(['ListCostAllocationTags', 'UpdateCostAllocationTagsStatus', 'StartCostAllocationTagBackfill']);
  });

  test('a date Cost Explorer rejects fails the deployment with its message', async () => {
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`; // in the future
    await expect(handler(createEvent({ TagKeys: ['A'], BackfillFrom: nextYear }), context()))
      .rejects.toThrow(new RegExp(`^Create of cost allocation tags CostAllocationTags failed: ValidationException: BackfillFrom '${nextYear}T00:00:00Z'`));
  });
});
