import { BundledHandler, contextWith, createEvent, keys, retryEvent, updateEvent, sharedEmulatorForFile } from './bundled-handler';
import { CostExplorerEmulator } from '../../emulators/cost-explorer/cost-explorer-emulator';
import { pinClock } from '../../emulators/cost-explorer/pinned-clock';

// Retries of two kinds, through the bundled handler: backoff on throttling and server faults
// within one invocation, and the scheduled activator that catches keys registered later.

let emulator: CostExplorerEmulator;
let handler: BundledHandler;
let logs: string[];
const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';

sharedEmulatorForFile((e, h) => {
  emulator = e;
  handler = h;
});
beforeEach(() => {
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  jest.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
});

describe('backoff within an invocation', () => {
  test('retries LimitExceededException (throttling) and succeeds', async () => {
    emulator.registerKeys(['A']);
    emulator.injectFaults('throttle', 3, 'ListCostAllocationTags');
    emulator.injectFaults('throttle', 2, 'UpdateCostAllocationTagsStatus');

    const result = await handler(createEvent({ TagKeys: ['A'] }), contextWith(60_000));

    expect(result.Data.ActiveTagKeys).toBe('A');
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 4, UpdateCostAllocationTagsStatus: 3 });
    expect(logs.filter((l) => l.includes('Retrying Cost Explorer call'))).toHaveLength(5);
  });

  test('retries server errors and dropped connections', async () => {
    emulator.registerKeys(['A']);
    emulator.injectFaults('server-error', 2, 'ListCostAllocationTags');
    emulator.injectFaults('drop-connection', 1, 'UpdateCostAllocationTagsStatus');

    await handler(createEvent({ TagKeys: ['A'] }), contextWith(60_000));

    expect(emulator.activeKeys()).toEqual(['A']);
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 3, UpdateCostAllocationTagsStatus: 2 });
  });

  test('gives up before the Lambda runs out of time, reporting the throttling', async () => {
    emulator.injectFaults('throttle', 1_000);
    const started = Date.now();

    // 3 s left: half is kept back for reporting, so retries stop after about 1.5 s.
    await expect(handler(createEvent({ TagKeys: ['A'] }), contextWith(3_000)))
      .rejects.toThrow(/^Create of cost allocation tags CostAllocationTags failed: LimitExceededException: Rate exceeded$/);

    // Before the Lambda's own timeout, which is what matters; a handler that ignored its deadline
    // would go on through the 1,000 throttled answers.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(emulator.calls.ListCostAllocationTags).toBeGreaterThan(1);
  });

  test('does not wait for an answer past its deadline, keeping the time to report the failure', async () => {
    emulator.registerKeys(['A']);
    emulator.slowAnswerMs = 4_000;
    emulator.injectFaults('slow-answer', 1, 'ListCostAllocationTags');
    const started = Date.now();

    // 3 s left: the deadline is 1.5 s away, and the answer would come after the Lambda timeout.
    await expect(handler(createEvent({ TagKeys: ['A'] }), contextWith(3_000)))
      .rejects.toThrow(/^Create of cost allocation tags CostAllocationTags failed: AbortError: no answer from Cost Explorer before the handler's deadline$/);

    // Before the Lambda's own timeout, and long before the 4 s answer.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('does not retry final errors', async () => {
    emulator.linkedAccount = 'all';
    await expect(handler(createEvent({ TagKeys: ['A'] }), contextWith(60_000))).rejects.toThrow(/AccessDeniedException/);
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1 });
  });
});

describe('scheduled activator', () => {
  test('activates keys registered since the deployment and stops writing once all are active', async () => {
    emulator.registerKeys(['A'], 'Active');

    const first = await handler(retryEvent(['A', 'B']), contextWith(60_000));
    expect(first).toEqual({ activeTagKeys: ['A'], pendingTagKeys: ['B'], activatedNow: [] });

    emulator.registerKeys(['B']);
    const second = await handler(retryEvent(['A', 'B']), contextWith(60_000));
    expect(second).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: ['B'] });

    emulator.resetCounts();
    await handler(retryEvent(['A', 'B']), contextWith(60_000));
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1 });
  });

  test('fails a run in a member account with the management-account advice', async () => {
    emulator.linkedAccount = 'writes';
    emulator.registerKeys(['A']);
    await expect(handler(retryEvent(['A']), contextWith(60_000))).rejects.toThrow(/management \(payer\) account/);
  });
});

describe('scheduled activator with backfillFrom', () => {
  const HOUR = 60 * 60_000;
  // The clock is pinned, and moves only with advanceClock: the times the emulator records are
  // known to the second however slowly a test runs, and the month cannot turn during a test.
  const NOW = '2027-03-15T10:20:30Z';
  const lastMonth = '2027-02-01';
  const FROM = `${lastMonth}T00:00:00Z`;
  beforeEach(() => pinClock(NOW));
  afterEach(() => jest.useRealTimers());
  const run = (tagKeys: string[]) => handler(retryEvent(tagKeys, lastMonth), contextWith(60_000));
  const operations = () => emulator.requests.map((r) => r.operation);

  /** Create with A registered and B pending: A is activated and the deployment's backfill starts. */
  async function deployWithPendingKey(): Promise<void> {
    emulator.registerKeys(['A']);
    const created = await handler(createEvent({ TagKeys: ['A', 'B'], BackfillFrom: lastMonth }), contextWith(60_000));
    expect(created.Data).toMatchObject({ PendingTagKeys: 'B', BackfillStatus: 'STARTED' });
    expect(emulator.backfills).toHaveLength(1);
  }

  test('a key activated after the deployment\'s backfill gets a backfill of its own', async () => {
    await deployWithPendingKey();

    // 6 hours later B is still unregistered: the deployment's backfill covers A, nothing to do.
    emulator.advanceClock(6 * HOUR);
    emulator.resetCounts();
    expect(await run(['A', 'B'])).toEqual({ activeTagKeys: ['A'], pendingTagKeys: ['B'], activatedNow: [], backfill: 'UP_TO_DATE' });
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 });

    // A day later Cost Explorer has registered B: the run activates it, then requests a backfill.
    emulator.advanceClock(20 * HOUR);
    emulator.registerKeys(['B']);
    emulator.resetCounts();
    expect(await run(['A', 'B'])).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: ['B'], backfill: 'STARTED' });
    expect(operations()).toEqual(['ListCostAllocationTags', 'UpdateCostAllocationTagsStatus', 'StartCostAllocationTagBackfill']);
    expect(emulator.backfills).toEqual([
      { BackfillFrom: FROM, RequestedAt: NOW },
      { BackfillFrom: FROM, RequestedAt: '2027-03-16T12:20:30Z' },
    ]);
  });

  test('a backfill refused with BackfillLimitExceededException is requested again by a later run', async () => {
    await deployWithPendingKey();

    // B is registered 6 hours after the deployment: within the 24 hours of the first backfill.
    emulator.advanceClock(6 * HOUR);
    emulator.registerKeys(['B']);
    expect(await run(['A', 'B'])).toMatchObject({ activatedNow: ['B'], backfill: 'ALREADY_RUNNING' });

    // Still within the 24 hours: the history shows no request after B's activation, so it asks again.
    emulator.advanceClock(6 * HOUR);
    emulator.resetCounts();
    expect(await run(['A', 'B'])).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: [], backfill: 'ALREADY_RUNNING' });
    expect(operations()).toEqual(['ListCostAllocationTags', 'ListCostAllocationTagBackfillHistory', 'StartCostAllocationTagBackfill']);

    // After the 24 hours Cost Explorer accepts it.
    emulator.advanceClock(13 * HOUR);
    expect(await run(['A', 'B'])).toMatchObject({ activatedNow: [], backfill: 'STARTED' });
    expect(emulator.backfills).toHaveLength(2);
    expect(Date.parse(emulator.backfills[1].RequestedAt)).toBeGreaterThan(Date.parse(emulator.backfills[0].RequestedAt) + 24 * HOUR);
  });

  test('an update whose backfill is refused as already running leaves the schedule on, and a later run requests it', async () => {
    emulator.registerKeys(['A']);
    await handler(createEvent({ TagKeys: ['A'], BackfillFrom: lastMonth }), contextWith(60_000));

    // An hour later an update adds B, which Cost Explorer has registered: B is activated, but the
    // Create's backfill is within its 24 hours, so the update's own request is refused.
    emulator.advanceClock(HOUR);
    emulator.registerKeys(['B']);
    const updated = await handler(updateEvent(PHYSICAL_ID,
      { TagKeys: ['A', 'B'], BackfillFrom: lastMonth },
      { TagKeys: ['A'], BackfillFrom: lastMonth }), contextWith(60_000));
    expect(updated.Data).toMatchObject({ ActiveTagKeys: 'A,B', PendingTagKeys: '', BackfillStatus: 'ALREADY_RUNNING', RetryScheduleState: 'ENABLED' });

    // The Create's backfill is over and a new one is allowed: the scheduled run requests it for B.
    emulator.advanceClock(24 * HOUR);
    emulator.resetCounts();
    expect(await run(['A', 'B'])).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: [], backfill: 'STARTED' });
    expect(operations()).toEqual(['ListCostAllocationTags', 'ListCostAllocationTagBackfillHistory', 'StartCostAllocationTagBackfill']);
    expect(emulator.backfills).toEqual([
      { BackfillFrom: FROM, RequestedAt: NOW },
      { BackfillFrom: FROM, RequestedAt: '2027-03-16T11:20:30Z' },
    ]);
  });

  /**
   * Create with A, then an update an hour later that activates B: its backfill is refused, as the
   * Create's is within its 24 hours, so the schedule stays on. Returns the update's properties.
   */
  async function updateWithRefusedBackfill(): Promise<{ TagKeys: string[]; BackfillFrom: string }> {
    emulator.registerKeys(['A']);
    await handler(createEvent({ TagKeys: ['A'], BackfillFrom: lastMonth }), contextWith(60_000));
    emulator.advanceClock(HOUR);
    emulator.registerKeys(['B']);
    const props = { TagKeys: ['A', 'B'], BackfillFrom: lastMonth };
    const updated = await handler(updateEvent(PHYSICAL_ID, props, { TagKeys: ['A'], BackfillFrom: lastMonth }), contextWith(60_000));
    expect(updated.Data).toMatchObject({ BackfillStatus: 'ALREADY_RUNNING', RetryScheduleState: 'ENABLED' });
    return props;
  }

  test('an update that activates nothing keeps the schedule on while a backfill refused earlier is still owed', async () => {
    const before = await updateWithRefusedBackfill();

    // Before the activator runs, an update adds C, which is already active: it activates nothing and
    // keeps the date, but B still has no backfill, which is refused again.
    emulator.advanceClock(HOUR);
    emulator.registerKeys(['C'], 'Active');
    emulator.resetCounts();
    const updated = await handler(updateEvent(PHYSICAL_ID, { ...before, TagKeys: ['A', 'B', 'C'] }, before), contextWith(60_000));
    expect(updated.Data).toMatchObject({ ActiveTagKeys: 'A,B,C', PendingTagKeys: '', BackfillStatus: 'ALREADY_RUNNING', RetryScheduleState: 'ENABLED' });
    expect(operations()).toEqual(['ListCostAllocationTags', 'ListCostAllocationTagBackfillHistory', 'StartCostAllocationTagBackfill']);

    // So the activator still runs, and requests it once the Create's backfill is over.
    emulator.advanceClock(24 * HOUR);
    expect(await run(['A', 'B', 'C'])).toMatchObject({ activatedNow: [], backfill: 'STARTED' });
    expect(emulator.backfills).toHaveLength(2);
  });

  test('an update that activates nothing requests a backfill refused earlier once Cost Explorer allows it, and only once', async () => {
    const before = await updateWithRefusedBackfill();
    const after = { ...before, TagKeys: ['A', 'B', 'C'] };
    emulator.registerKeys(['C'], 'Active');

    // A day later, before any activator run, the update asks itself: nothing is left for the schedule.
    emulator.advanceClock(24 * HOUR);
    const requested = await handler(updateEvent(PHYSICAL_ID, after, before), contextWith(60_000));
    expect(requested.Data).toMatchObject({ BackfillStatus: 'STARTED', RetryScheduleState: 'DISABLED' });
    expect(emulator.backfills).toHaveLength(2);

    // The next such update finds that request in the history and starts nothing.
    emulator.advanceClock(HOUR);
    emulator.resetCounts();
    const unchanged = await handler(updateEvent(PHYSICAL_ID, before, after), contextWith(60_000));
    expect(unchanged.Data).toMatchObject({ BackfillStatus: 'UNCHANGED', RetryScheduleState: 'DISABLED' });
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 });
  });

  test('does not request another backfill once one was requested after the last activation', async () => {
    await deployWithPendingKey();
    emulator.advanceClock(25 * HOUR);
    emulator.registerKeys(['B']);
    expect(await run(['A', 'B'])).toMatchObject({ backfill: 'STARTED' });

    for (const hours of [6, 6, 24]) {
      emulator.advanceClock(hours * HOUR); // the backfill completes after an hour; later runs see SUCCEEDED
      emulator.resetCounts();
      expect(await run(['A', 'B'])).toMatchObject({ activatedNow: [], backfill: 'UP_TO_DATE' });
      expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 });
    }
    expect(emulator.backfills).toHaveLength(2);
  });

  test('requests a backfill again when the last one after the activation failed, or started later than backfillFrom', async () => {
    const activatedAt = emulator.timestamp();
    emulator.registerKeys(['A'], 'Active', activatedAt);
    emulator.backfillResult = 'FAILED';
    emulator.advanceClock(HOUR);
    await handler(createEvent({ TagKeys: ['A'], BackfillFrom: lastMonth }), contextWith(60_000));

    emulator.advanceClock(25 * HOUR);
    expect(await run(['A'])).toMatchObject({ backfill: 'STARTED' });

    // A backfill from this month only, requested elsewhere, does not cover last month.
    emulator.reset();
    emulator.registerKeys(['A'], 'Active', emulator.timestamp());
    emulator.advanceClock(HOUR);
    await handler(createEvent({ TagKeys: ['A'], BackfillFrom: '2027-03-01' }), contextWith(60_000));
    emulator.advanceClock(25 * HOUR);
    expect(await run(['A'])).toMatchObject({ backfill: 'STARTED' });
    expect(emulator.backfills.map((b) => b.BackfillFrom)).toEqual(['2027-03-01T00:00:00Z', FROM]);
  });

  test('makes no backfill call without backfillFrom', async () => {
    await deployWithPendingKey();
    emulator.advanceClock(25 * HOUR);
    emulator.registerKeys(['B']);
    emulator.resetCounts();

    expect(await handler(retryEvent(['A', 'B']), contextWith(60_000))).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: ['B'] });
    expect(await handler(retryEvent(['A', 'B']), contextWith(60_000))).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: [] });
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 2, UpdateCostAllocationTagsStatus: 1 });
  });

  test('reports a backfill Cost Explorer rejects, after the activation', async () => {
    const nextYear = '2028-01-01'; // in the future
    emulator.registerKeys(['A']);
    await expect(handler(retryEvent(['A'], nextYear), contextWith(60_000)))
      .rejects.toThrow(new RegExp(`^Scheduled backfill of cost allocation tags failed \\(the keys were activated\\): ValidationException: BackfillFrom '${nextYear}T00:00:00Z'`));
    expect(emulator.activeKeys()).toEqual(['A']);
  });
});

describe('backfillFrom older than Cost Explorer allows', () => {
  const HOUR = 60 * 60_000;

  afterEach(() => jest.useRealTimers());

  const warnings = () => logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn').map((l) => l.message);

  test('the activator backfills from the earliest month Cost Explorer accepts, with a warning, and does not ask again', async () => {
    // Deployed in January 2026 with backfillFrom 2026-01-01; Cost Explorer registers B in February 2027.
    pinClock('2027-02-10T09:00:00Z');
    emulator.registerKeys(['A'], 'Active', '2026-01-05T10:00:00Z');
    emulator.registerKeys(['B']);
    const run = () => handler(retryEvent(['A', 'B'], '2026-01-01'), contextWith(60_000));

    expect(await run()).toEqual({ activeTagKeys: ['A', 'B'], pendingTagKeys: [], activatedNow: ['B'], backfill: 'STARTED' });
    expect(emulator.backfills).toEqual([{ BackfillFrom: '2026-02-01T00:00:00Z', RequestedAt: '2027-02-10T09:00:00Z' }]);
    expect(warnings()).toEqual([expect.stringMatching(/^backfillFrom 2026-01-01 is more than 12 months back, .*backfilling from 2026-02-01 instead/)]);

    // The request from 2026-02-01 is as early as any can be, so it counts for backfillFrom 2026-01-01.
    emulator.advanceClock(25 * HOUR);
    emulator.resetCounts();
    expect(await run()).toMatchObject({ activatedNow: [], backfill: 'UP_TO_DATE' });
    expect(emulator.calls).toEqual({ ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 });
  });

  test('an update that activates keys backfills from the earliest month, across the turn of a year', async () => {
    pinClock('2027-01-31T23:30:00Z');
    emulator.registerKeys(['A'], 'Active');
    emulator.registerKeys(['B']);
    const props = { TagKeys: ['A', 'B'], BackfillFrom: '2025-11-01' };

    const result = await handler(updateEvent(PHYSICAL_ID, props, props), contextWith(60_000));

    expect(result.Data).toMatchObject({ ActiveTagKeys: 'A,B', BackfillStatus: 'STARTED' });
    expect(emulator.backfills.map((b) => b.BackfillFrom)).toEqual(['2026-01-01T00:00:00Z']);
    expect(warnings()).toHaveLength(1);
  });

  test('a date exactly 12 months back is sent as it is', async () => {
    pinClock('2027-02-10T09:00:00Z');
    emulator.registerKeys(['A']);

    await handler(createEvent({ TagKeys: ['A'], BackfillFrom: '2026-02-01' }), contextWith(60_000));

    expect(emulator.backfills.map((b) => b.BackfillFrom)).toEqual(['2026-02-01T00:00:00Z']);
    expect(warnings()).toEqual([]);
  });
});

test('45 keys, 10 of them unregistered: Cost Explorer calls per step', async () => {
  const all = keys(45);
  const unregistered = Array.from({ length: 10 }, (_, i) => all[i * 4 + 2]); // spread through the list
  emulator.registerKeys(all.filter((k) => !unregistered.includes(k)));
  const props = { TagKeys: all };
  const figures: Record<string, Record<string, number>> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    emulator.resetCounts();
    await run();
    figures[name] = { ...emulator.calls };
  };

  await step('create', () => handler(createEvent(props), contextWith(60_000)));
  await step('no-op update', () => handler(updateEvent(PHYSICAL_ID, props, props), contextWith(60_000)));
  await step('activator run 1 (nothing registered yet)', () => handler(retryEvent(all), contextWith(60_000)));
  emulator.registerKeys(unregistered);
  await step('activator run 2 (the 10 keys registered)', () => handler(retryEvent(all), contextWith(60_000)));
  await step('activator run 3 (all active)', () => handler(retryEvent(all), contextWith(60_000)));

  console.info(`Cost Explorer calls, 45 keys with 10 unregistered:\n${JSON.stringify(figures, null, 2)}`);
  expect(figures).toEqual({
    'create': { ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 2 },
    'no-op update': { ListCostAllocationTags: 1 },
    'activator run 1 (nothing registered yet)': { ListCostAllocationTags: 1 },
    'activator run 2 (the 10 keys registered)': { ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 1 },
    'activator run 3 (all active)': { ListCostAllocationTags: 1 },
  });
  expect(emulator.activeKeys()).toEqual(all);
});

test('45 keys, 10 of them unregistered, with backfillFrom: Cost Explorer calls per step', async () => {
  const HOUR = 60 * 60_000;
  const now = new Date();
  const backfillFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const all = keys(45);
  const unregistered = Array.from({ length: 10 }, (_, i) => all[i * 4 + 2]);
  emulator.registerKeys(all.filter((k) => !unregistered.includes(k)));
  const props = { TagKeys: all, BackfillFrom: backfillFrom };
  const figures: Record<string, Record<string, number>> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    emulator.resetCounts();
    await run();
    figures[name] = { ...emulator.calls };
  };
  const activatorRun = () => handler(retryEvent(all, backfillFrom), contextWith(60_000));

  await step('create', () => handler(createEvent(props), contextWith(60_000)));
  emulator.advanceClock(6 * HOUR);
  await step('activator run 1 (nothing registered yet)', activatorRun);
  emulator.advanceClock(6 * HOUR);
  emulator.registerKeys(unregistered);
  await step('activator run 2 (the 10 keys registered; backfill refused, 12 h after the first)', activatorRun);
  emulator.advanceClock(6 * HOUR);
  await step('activator run 3 (all active; backfill refused again)', activatorRun);
  emulator.advanceClock(6 * HOUR);
  await step('activator run 4 (all active; backfill accepted)', activatorRun);
  emulator.advanceClock(6 * HOUR);
  await step('activator run 5 (all active, backfill requested)', activatorRun);

  console.info(`Cost Explorer calls, 45 keys with 10 unregistered, backfillFrom set:\n${JSON.stringify(figures, null, 2)}`);
  expect(figures).toEqual({
    'create': { ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 2, StartCostAllocationTagBackfill: 1 },
    'activator run 1 (nothing registered yet)': { ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 },
    'activator run 2 (the 10 keys registered; backfill refused, 12 h after the first)': { ListCostAllocationTags: 1, UpdateCostAllocationTagsStatus: 1, StartCostAllocationTagBackfill: 1 },
    'activator run 3 (all active; backfill refused again)': { ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1, StartCostAllocationTagBackfill: 1 },
    'activator run 4 (all active; backfill accepted)': { ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1, StartCostAllocationTagBackfill: 1 },
    'activator run 5 (all active, backfill requested)': { ListCostAllocationTags: 1, ListCostAllocationTagBackfillHistory: 1 },
  });
  expect(emulator.backfills).toHaveLength(2);
});
