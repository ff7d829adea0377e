import * as path from 'path';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { ProjectResourceResponse } from '../../../src/project/handler/project-handler.lambda';
import { ProjectsApiEmulator, ProjectsApiEmulatorOptions, startEmulatorForProcess, StoredProject } from '../../emulators/projects-api';
import { handlerModule } from '../../support/handler-module';

/**
 * Drives the bundled `Custom::BedrockProject` handler (the file that is uploaded to Lambda) with
 * events shaped as CloudFormation and the Provider framework send them. With HANDLER_FROM_SOURCE
 * set (the mutation run), the same tests drive the TypeScript source instead, so that a mutant
 * planted in src/ is what they exercise.
 */

const BUNDLE = path.join(__dirname, '..', '..', '..', 'assets', 'project', 'handler', 'project-handler.lambda', 'index.js');

type Handler = (event: CloudFormationCustomResourceEvent, context: { getRemainingTimeInMillis(): number }) => Promise<ProjectResourceResponse>;

const SOURCE = path.join(__dirname, '..', '..', '..', 'src', 'project', 'handler', 'project-handler.lambda');

/** The handler as bundled by `npx projen bundle`, or its source under HANDLER_FROM_SOURCE. */
export function bundledHandler(): Handler {
  // The bundle is plain JavaScript built before the tests run; it has no type declarations.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(handlerModule(BUNDLE, SOURCE)) as { handler: Handler }).handler;
}

export const STACK_NAME = 'ProjectsStack';
export const STACK_ID = `arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK_NAME}/5b3a9f20-1c2d-11ef-9a7b-0a1b2c3d4e5f`;
export const LOGICAL_ID = 'ChatbotProject1A2B3C4D';
/** The ownership mark of {@link LOGICAL_ID} in {@link STACK_ID}. */
export const MARK = `${STACK_NAME}/${LOGICAL_ID}`;
export const MARK_KEY = 'cdk-bedrock-projects:owner';
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

export type Properties = Record<string, string | Record<string, string>>;

const common = (logicalId: string, requestId: string) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:ProjectsStack-ProviderframeworkonEvent',
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/secret-presigned-path?X-Amz-Signature=abc',
  StackId: STACK_ID,
  RequestId: requestId,
  LogicalResourceId: logicalId,
  ResourceType: 'Custom::BedrockProject',
});

let requests = 0;
const nextRequestId = () => `0000000-request-${++requests}`;

export function createEvent(properties: Properties, logicalId = LOGICAL_ID): CloudFormationCustomResourceEvent {
  return { ...common(logicalId, nextRequestId()), RequestType: 'Create', ResourceProperties: withToken(properties) };
}

export function updateEvent(
  physicalId: string, properties: Properties, oldProperties: Properties, logicalId = LOGICAL_ID,
): CloudFormationCustomResourceEvent {
  return {
    ...common(logicalId, nextRequestId()),
    RequestType: 'Update',
    PhysicalResourceId: physicalId,
    ResourceProperties: withToken(properties),
    OldResourceProperties: withToken(oldProperties),
  };
}

export function deleteEvent(physicalId: string, properties: Properties, logicalId = LOGICAL_ID): CloudFormationCustomResourceEvent {
  return { ...common(logicalId, nextRequestId()), RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: withToken(properties) };
}

function withToken(properties: Properties): { ServiceToken: string } & Properties {
  return { ServiceToken: common('', '').ServiceToken, ...properties };
}

/** The outcome of one invocation, with how long it took against the time Lambda gave it. */
export interface Invocation {
  readonly response?: ProjectResourceResponse;
  readonly error?: Error;
  readonly elapsedMs: number;
  readonly remainingMs: number;
}

/** Invokes the handler with a context whose remaining time counts down from `remainingMs`. */
export async function invoke(handler: Handler, event: CloudFormationCustomResourceEvent, remainingMs = 60_000): Promise<Invocation> {
  const started = Date.now();
  const context = { getRemainingTimeInMillis: () => started + remainingMs - Date.now() };
  try {
    const response = await handler(event, context);
    return { response, elapsedMs: Date.now() - started, remainingMs };
  } catch (error) {
    return { error: error as Error, elapsedMs: Date.now() - started, remainingMs };
  }
}

/** Invokes and expects success. */
export async function succeed(handler: Handler, event: CloudFormationCustomResourceEvent, remainingMs?: number): Promise<ProjectResourceResponse> {
  const outcome = await invoke(handler, event, remainingMs);
  if (outcome.error) {
    throw new Error(`expected ${event.RequestType} to succeed, it failed: ${outcome.error.message}`);
  }
  return outcome.response!;
}

/** Invokes and expects failure; returns the error. */
export async function fail(handler: Handler, event: CloudFormationCustomResourceEvent, remainingMs?: number): Promise<Error> {
  const outcome = await invoke(handler, event, remainingMs);
  if (!outcome.error) {
    throw new Error(`expected ${event.RequestType} to fail, it returned ${JSON.stringify(outcome.response)}`);
  }
  return outcome.error;
}

/** The handler's JSON log lines, captured instead of printed. */
export interface CapturedLogs {
  readonly lines: Array<Record<string, unknown>>;
  messages(level?: string): string[];
  restore(): void;
}

export function captureLogs(): CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  const record = (text: unknown) => {
    try {
      lines.push(JSON.parse(String(text)));
    } catch {
      lines.push({ level: 'raw', message: String(text) });
    }
  };
  const log = jest.spyOn(console, 'log').mockImplementation(record);
  const error = jest.spyOn(console, 'error').mockImplementation(record);
  return {
    lines,
    messages: (level) => lines.filter((line) => level === undefined || line.level === level).map((line) => String(line.message)),
    restore: () => {
      log.mockRestore();
      error.mockRestore();
    },
  };
}

/**
 * Gives each test a fresh emulator and captured logs, stopped and restored after it. Returns a
 * function that replaces the test's emulator by one started with other options.
 */
export function freshEmulatorForEachTest(
  use: (emulator: ProjectsApiEmulator, logs: CapturedLogs) => void,
): (options?: ProjectsApiEmulatorOptions) => Promise<void> {
  let emulator: ProjectsApiEmulator | undefined;
  let logs: CapturedLogs | undefined;
  const start = async (options: ProjectsApiEmulatorOptions = {}): Promise<void> => {
    await emulator?.stop();
    emulator = await startEmulatorForProcess(options);
    use(emulator, logs!);
  };
  beforeEach(async () => {
    logs = captureLogs();
    await start();
  });
  afterEach(async () => {
    logs?.restore();
    await emulator?.stop();
    emulator = undefined;
  });
  return start;
}

/** Creates a project through the handler, forgets the requests it took, and returns what the emulator stores. */
export async function createdIn(emulator: ProjectsApiEmulator, handler: Handler, properties: Properties): Promise<StoredProject> {
  const response = await succeed(handler, createEvent(properties));
  emulator.resetRequests();
  return emulator.store.get(response.PhysicalResourceId);
}

/** The bodies of the UpdateProject requests the emulator received. */
export function updateBodies(emulator: ProjectsApiEmulator): unknown[] {
  return emulator.requests.filter((request) => request.operation === 'UpdateProject').map((request) => request.body);
}
