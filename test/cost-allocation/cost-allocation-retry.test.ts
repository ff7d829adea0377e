import { BundledHandler, contextWith, createEvent, keys, loadBundledHandler, retryEvent, updateEvent } from './bundled-handler';
import { CostExplorerEmulator } from '../emulators/cost-explorer/cost-explorer-emulator';

// Retries of two kinds, through the bundled handler: backoff on throttling and server faults
// within one invocation, and the scheduled activator that catches keys registered later.

let emulator: CostExplorerEmulator;
let handler: BundledHandler;
let logs: string[];
const PHYSICAL_ID = 'CostAllocationTags-CostAllocationTags';

beforeAll(async () => {
  emulator = await CostExplorerEmulator.start();
  handler = loadBundledHandler(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  jest.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
});
afterEach(() => jest.restoreAllMocks());

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

    expect(Date.now() - started).toBeLessThan(2_500);
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

    expect(Date.now() - started).toBeLessThan(2_500);
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
