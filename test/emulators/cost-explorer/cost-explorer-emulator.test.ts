import {
  CostExplorerClient,
  ListCostAllocationTagBackfillHistoryCommand,
  ListCostAllocationTagsCommand,
  StartCostAllocationTagBackfillCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
import { CostExplorerEmulator, DEFAULT_SIGNING } from './cost-explorer-emulator';
import { pinClock } from './pinned-clock';

// The emulator's own contract, checked with the real SDK client, so that handler tests built on
// it rest on behaviour that matches Cost Explorer's documentation.

let emulator: CostExplorerEmulator;

beforeAll(async () => {
  emulator = await CostExplorerEmulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => jest.useRealTimers());

function client(overrides: { region?: string; secretAccessKey?: string; signingName?: string } = {}): CostExplorerClient {
  return new CostExplorerClient({
    region: overrides.region ?? 'us-east-1',
    endpoint: emulator.endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: DEFAULT_SIGNING.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? DEFAULT_SIGNING.secretAccessKey },
    ...(overrides.signingName ? { signingName: overrides.signingName } : {}),
  });
}

const keys = (n: number, prefix = 'Key') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

test('lists registered keys only, filtered by key, and pages with NextToken', async () => {
  emulator.registerKeys(['A', 'B', 'C'], 'Inactive');
  emulator.registerKeys(['D'], 'Active');
  const first = await client().send(new ListCostAllocationTagsCommand({ TagKeys: ['A', 'B', 'D', 'Unknown'], MaxResults: 2 }));
  expect(first.CostAllocationTags?.map((t) => [t.TagKey, t.Status])).toEqual([['A', 'Inactive'], ['B', 'Inactive']]);
  expect(first.NextToken).toBeDefined();
  const second = await client().send(new ListCostAllocationTagsCommand({ TagKeys: ['A', 'B', 'D', 'Unknown'], MaxResults: 2, NextToken: first.NextToken }));
  expect(second.CostAllocationTags?.map((t) => [t.TagKey, t.Status])).toEqual([['D', 'Active']]);
  expect(second.NextToken).toBeUndefined();
  expect(emulator.calls).toEqual({ ListCostAllocationTags: 2 });
});

test('rejects a NextToken from another query', async () => {
  emulator.registerKeys(keys(5));
  const first = await client().send(new ListCostAllocationTagsCommand({ MaxResults: 2 }));
  await expect(client().send(new ListCostAllocationTagsCommand({ TagKeys: ['Key000'], NextToken: first.NextToken })))
    .rejects.toMatchObject({ name: 'InvalidNextTokenException' });
});

test('rejects more than 100 TagKeys and MaxResults outside 1-1000', async () => {
  await expect(client().send(new ListCostAllocationTagsCommand({ TagKeys: keys(101) }))).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(client().send(new ListCostAllocationTagsCommand({ MaxResults: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
});

test('updates in batches of at most 20 and reports unregistered keys per key', async () => {
  emulator.registerKeys(['A']);
  const answer = await client().send(new UpdateCostAllocationTagsStatusCommand({
    CostAllocationTagsStatus: [{ TagKey: 'A', Status: 'Active' }, { TagKey: 'New', Status: 'Active' }],
  }));
  expect(answer.Errors).toEqual([expect.objectContaining({ TagKey: 'New', Code: 'TagKeysNotFoundException' })]);
  expect(emulator.statusOf('A')).toBe('Active');

  await expect(client().send(new UpdateCostAllocationTagsStatusCommand({
    CostAllocationTagsStatus: keys(21).map((TagKey) => ({ TagKey, Status: 'Active' })),
  }))).rejects.toMatchObject({ name: 'ValidationException' });
});

test('can report unregistered keys as a top-level ValidationException that rejects the batch', async () => {
  emulator.registerKeys(['A']);
  emulator.notFoundStyle = 'validation-exception';
  await expect(client().send(new UpdateCostAllocationTagsStatusCommand({
    CostAllocationTagsStatus: [{ TagKey: 'A', Status: 'Active' }, { TagKey: 'X', Status: 'Active' }, { TagKey: 'Y', Status: 'Active' }],
  }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Tag keys not found: X,Y') });
  expect(emulator.statusOf('A')).toBe('Inactive');
});

test('denies a linked account, throttles on demand and allows one running backfill', async () => {
  emulator.linkedAccount = 'all';
  await expect(client().send(new ListCostAllocationTagsCommand({}))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('Linked account doesn\'t have access'),
  });
  emulator.linkedAccount = false;

  emulator.injectFaults('throttle', 1);
  await expect(client().send(new ListCostAllocationTagsCommand({}))).rejects.toMatchObject({ name: 'LimitExceededException' });
  await expect(client().send(new ListCostAllocationTagsCommand({}))).resolves.toBeDefined();

  const month = new Date().toISOString().slice(0, 7);
  await client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: `${month}-01T00:00:00Z` }));
  await expect(client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: `${month}-01T00:00:00Z` })))
    .rejects.toMatchObject({ name: 'BackfillLimitExceededException' });
  await expect(client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: '2001-01-01T00:00:00Z' })))
    .rejects.toMatchObject({ name: 'ValidationException' });
  expect(emulator.backfills).toHaveLength(1);
});

test('records backfills, one per 24 hours, lists them newest first and completes them in emulated time', async () => {
  // Pinned, so that the times the emulator records are known to the second however slowly this runs.
  pinClock('2027-03-15T10:20:30Z');
  const month = '2027-03-01T00:00:00Z';
  const hour = 60 * 60_000;
  expect(await client().send(new ListCostAllocationTagBackfillHistoryCommand({}))).toMatchObject({ BackfillRequests: [] });

  const first = await client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: month }));
  expect(first.BackfillRequest).toEqual({ BackfillFrom: month, RequestedAt: '2027-03-15T10:20:30Z', BackfillStatus: 'PROCESSING', LastUpdatedAt: '2027-03-15T10:20:30Z' });
  emulator.advanceClock(23 * hour);
  await expect(client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: month })))
    .rejects.toMatchObject({ name: 'BackfillLimitExceededException' });
  emulator.advanceClock(hour);
  await client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: month }));

  const history = await client().send(new ListCostAllocationTagBackfillHistoryCommand({ MaxResults: 1 }));
  expect(history.BackfillRequests).toEqual([{ BackfillFrom: month, RequestedAt: '2027-03-16T10:20:30Z', BackfillStatus: 'PROCESSING', LastUpdatedAt: '2027-03-16T10:20:30Z' }]);
  const older = await client().send(new ListCostAllocationTagBackfillHistoryCommand({ MaxResults: 1, NextToken: history.NextToken }));
  expect(older.BackfillRequests).toEqual([{
    BackfillFrom: month,
    RequestedAt: '2027-03-15T10:20:30Z',
    BackfillStatus: 'SUCCEEDED',
    CompletedAt: '2027-03-15T11:20:30Z',
    LastUpdatedAt: '2027-03-15T11:20:30Z',
  }]);
  expect(older.NextToken).toBeUndefined();
  await expect(client().send(new ListCostAllocationTagBackfillHistoryCommand({ MaxResults: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
});

test('accepts a backfill from the first day of a month at most 12 months back, counted on its own clock', async () => {
  const start = (month: string) => client().send(new StartCostAllocationTagBackfillCommand({ BackfillFrom: `${month}T00:00:00Z` }));
  pinClock('2027-01-31T00:30:00Z');
  try {
    for (const refused of ['2025-12-01', '2026-01-15', '2027-02-01']) {
      await expect(start(refused)).rejects.toMatchObject({ name: 'ValidationException' });
    }
    await expect(start('2026-01-01')).resolves.toBeDefined();

    // A day later it is February 2027: January 2026 is 13 months back.
    emulator.advanceClock(24 * 60 * 60_000);
    await expect(start('2026-01-01')).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(start('2026-02-01')).resolves.toBeDefined();
    expect(emulator.backfills.map((b) => b.BackfillFrom)).toEqual(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']);
  } finally {
    jest.useRealTimers();
  }
});

test('reports when a key\'s status last changed', async () => {
  pinClock('2027-03-15T10:20:30Z');
  emulator.registerKeys(['A']);
  emulator.registerKeys(['B'], 'Active', '2025-01-15T10:00:00Z');
  emulator.advanceClock(5 * 60_000);
  await client().send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'A', Status: 'Active' }] }));
  const listed = await client().send(new ListCostAllocationTagsCommand({ TagKeys: ['A', 'B'] }));
  expect(listed.CostAllocationTags?.map((t) => [t.TagKey, t.LastUpdatedDate])).toEqual([['A', '2027-03-15T10:25:30Z'], ['B', '2025-01-15T10:00:00Z']]);
});

test('checks the SigV4 signature, its region and its service', async () => {
  await expect(client({ secretAccessKey: 'wrong' }).send(new ListCostAllocationTagsCommand({})))
    .rejects.toMatchObject({ name: 'InvalidSignatureException' });
  await expect(client({ region: 'eu-west-1' }).send(new ListCostAllocationTagsCommand({})))
    .rejects.toMatchObject({ name: 'InvalidSignatureException', message: expect.stringContaining('us-east-1') });
  await expect(client({ signingName: 'bedrock' }).send(new ListCostAllocationTagsCommand({})))
    .rejects.toMatchObject({ name: 'InvalidSignatureException' });
});
