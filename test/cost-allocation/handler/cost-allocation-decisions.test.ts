import { BundledHandler, contextWith, createEvent, sharedEmulatorForFile, silenceHandlerLogs } from './bundled-handler';
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
