import { CostAllocationStatus, handler } from './cost-allocation-status.handler';
import { CostExplorerEmulator, DEFAULT_SIGNING } from '../emulators/cost-explorer/cost-explorer-emulator';

/**
 * The cost allocation integ test passes only when its assertion function answers
 * `{ reportedActiveAreActive: true, everyKeyAccountedFor: true, someKeyActive: true,
 * inactiveInCostExplorer: [] }` (assertion-functions.ts). Run here against the Cost Explorer
 * emulator, so that a deployment whose resource never activates its keys is known to fail it.
 */

const KEYS = ['Application', 'CostCenter', 'Environment'];

let emulator: CostExplorerEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await CostExplorerEmulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  process.env.AWS_ENDPOINT_URL_COST_EXPLORER = emulator.endpoint;
  process.env.AWS_ACCESS_KEY_ID = DEFAULT_SIGNING.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEFAULT_SIGNING.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterEach(() => {
  process.env = { ...saved };
});

/** What the integ test's expectation requires of the assertion function's answer. */
function integPasses(status: CostAllocationStatus): boolean {
  return status.keys === KEYS.length && status.reportedActiveAreActive && status.everyKeyAccountedFor
    && status.someKeyActive && status.inactiveInCostExplorer.length === 0;
}

test('passes when the known keys were activated and the unknown one reported pending', async () => {
  emulator.registerKeys(['Application', 'CostCenter'], 'Active');
  const status = await handler({ tagKeys: KEYS, reportedActive: 'Application,CostCenter', reportedPending: 'Environment' });
  expect(status).toEqual({
    keys: 3,
    reportedActiveAreActive: true,
    everyKeyAccountedFor: true,
    someKeyActive: true,
    activeInCostExplorer: ['Application', 'CostCenter'],
    inactiveInCostExplorer: [],
  });
  expect(integPasses(status)).toBe(true);
});

test('fails when activation never happened although Cost Explorer offered the keys', async () => {
  emulator.registerKeys(KEYS, 'Inactive');
  const status = await handler({ tagKeys: KEYS, reportedActive: '', reportedPending: KEYS.join(',') });
  expect(status.everyKeyAccountedFor).toBe(false);
  expect(status.inactiveInCostExplorer).toEqual(['Application', 'CostCenter', 'Environment']);
  expect(integPasses(status)).toBe(false);
});

test('fails when every key stays pending, since it cannot then tell a working resource from a broken one', async () => {
  const status = await handler({ tagKeys: KEYS, reportedActive: '', reportedPending: KEYS.join(',') });
  expect(status.everyKeyAccountedFor).toBe(true);
  expect(status.someKeyActive).toBe(false);
  expect(integPasses(status)).toBe(false);
});

test('fails when a key reported active is not active in Cost Explorer', async () => {
  emulator.registerKeys(['Application'], 'Active');
  emulator.registerKeys(['CostCenter'], 'Inactive');
  const status = await handler({ tagKeys: KEYS, reportedActive: 'Application,CostCenter', reportedPending: 'Environment' });
  expect(status.reportedActiveAreActive).toBe(false);
  expect(integPasses(status)).toBe(false);
});

test('fails when one offered key was left inactive among active ones', async () => {
  emulator.registerKeys(['Application'], 'Active');
  emulator.registerKeys(['CostCenter'], 'Inactive');
  const status = await handler({ tagKeys: KEYS, reportedActive: 'Application', reportedPending: 'CostCenter,Environment' });
  expect(status.inactiveInCostExplorer).toEqual(['CostCenter']);
  expect(integPasses(status)).toBe(false);
});
