import * as fs from 'fs';
import * as path from 'path';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { CostExplorerEmulator, DEFAULT_SIGNING } from '../../emulators/cost-explorer/cost-explorer-emulator';
import { SchedulerEmulator } from '../../emulators/scheduler/scheduler-emulator';
import { handlerModule } from '../../support/handler-module';

/**
 * Loads the bundled handler, the file that is uploaded to Lambda, pointed at the emulator the way
 * a user points any SDK client at an endpoint: through the standard environment variables.
 * AWS_REGION is deliberately not us-east-1, as for a stack in another region: the handler must
 * still sign for Cost Explorer's us-east-1 endpoint, which the emulator checks.
 */
export const BUNDLE = path.join(__dirname, '../../../assets/cost-allocation/handler/cost-allocation-handler.lambda/index.js');

export type BundledHandler = (event: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<any>;

/** The source the bundle is built from, which the mutation run loads instead (HANDLER_FROM_SOURCE). */
const SOURCE = path.join(__dirname, '../../../src/cost-allocation/handler/cost-allocation-handler.lambda');

export function loadBundledHandler(emulator: CostExplorerEmulator): BundledHandler {
  const module = handlerModule(BUNDLE, SOURCE);
  if (module === BUNDLE && !fs.existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing; run 'npx projen bundle' first (npx projen test does)`);
  }
  process.env.AWS_ENDPOINT_URL_COST_EXPLORER = emulator.endpoint;
  process.env.AWS_REGION = 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID = DEFAULT_SIGNING.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEFAULT_SIGNING.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(module).handler;
}

/** A Lambda context with the given remaining time. */
export function contextWith(remainingMs: number): { getRemainingTimeInMillis(): number } {
  const end = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Finops/8a1b2c3d-0000-0000-0000-000000000000';
const SERVICE_TOKEN = 'arn:aws:lambda:eu-west-1:111111111111:function:Finops-CostAllocationTagsProviderframeworkonEvent';

export interface Props {
  readonly TagKeys: unknown;
  readonly BackfillFrom?: string;
  readonly DeactivateOnDelete?: string;
}

function resourceProperties(props: Props): any {
  return { ServiceToken: SERVICE_TOKEN, DeactivateOnDelete: 'false', ...props };
}

function common(logicalId: string) {
  return {
    ServiceToken: SERVICE_TOKEN,
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.eu-west-1.amazonaws.com/presigned',
    StackId: STACK_ID,
    RequestId: `req-${Math.random().toString(16).slice(2)}`,
    LogicalResourceId: logicalId,
    ResourceType: 'Custom::CostAllocationTags',
  };
}

/** CloudFormation's Create event, as the provider framework forwards it. */
export function createEvent(props: Props, logicalId = 'CostAllocationTags'): CloudFormationCustomResourceEvent {
  return { ...common(logicalId), RequestType: 'Create', ResourceProperties: resourceProperties(props) };
}

export function updateEvent(physicalId: string, props: Props, oldProps: Props, logicalId = 'CostAllocationTags'): CloudFormationCustomResourceEvent {
  return {
    ...common(logicalId),
    RequestType: 'Update',
    PhysicalResourceId: physicalId,
    ResourceProperties: resourceProperties(props),
    OldResourceProperties: resourceProperties(oldProps),
  };
}

export function deleteEvent(physicalId: string, props: Props, logicalId = 'CostAllocationTags'): CloudFormationCustomResourceEvent {
  return { ...common(logicalId), RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: resourceProperties(props) };
}

/** The payload the retry schedule sends (the construct renders the same shape). */
export function retryEvent(tagKeys: string[], backfillFrom?: string): unknown {
  return { source: 'cdk-bedrock-projects.cost-allocation-tags.retry', tagKeys, ...(backfillFrom ? { backfillFrom } : {}) };
}

/** `count` distinct keys: Key000, Key001, ... */
export function keys(count: number, prefix = 'Key'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
}

/**
 * Starts one emulator for the calling test file, loads the bundled handler against it, and resets
 * the emulator before every test; `use` receives both once they exist.
 */
export function sharedEmulatorForFile(use: (emulator: CostExplorerEmulator, handler: BundledHandler) => void): void {
  let emulator: CostExplorerEmulator | undefined;
  beforeAll(async () => {
    emulator = await CostExplorerEmulator.start();
    use(emulator, loadBundledHandler(emulator));
  });
  afterAll(() => emulator?.stop());
  beforeEach(() => emulator?.reset());
  afterEach(() => jest.restoreAllMocks());
}

/**
 * Starts one EventBridge Scheduler emulator for the calling test file, points the handler's
 * scheduler client at it, and resets it before every test; `use` receives it once it exists.
 */
export function sharedSchedulerForFile(use: (scheduler: SchedulerEmulator) => void): void {
  let scheduler: SchedulerEmulator | undefined;
  beforeAll(async () => {
    scheduler = await SchedulerEmulator.start('eu-west-1');
    process.env.AWS_ENDPOINT_URL_SCHEDULER = scheduler.endpoint;
    use(scheduler);
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_SCHEDULER;
    await scheduler?.stop();
  });
  beforeEach(() => scheduler?.reset());
}

/** Keeps the handler's JSON log lines out of the test output; the spies are restored after each test. */
export function silenceHandlerLogs(): void {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
}
