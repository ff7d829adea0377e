import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  bundledHandler, CapturedLogs, createEvent, fail, freshEmulatorForEachTest, invoke, MARK_KEY, Properties,
} from './project-handler-harness';
import { ProjectsApiEmulator } from '../../emulators/projects-api';

/**
 * What a failed request reports: the reason CloudFormation shows (which attempts it counts, the
 * verb, the project's name) and the error logged for an operator (how long the failing call took).
 * Each case pins a decision of the create loop that the broader tests leave open.
 */

const handler = bundledHandler();

const PROPS: Properties = { ProjectName: 'reported', Tags: { Application: 'Reported' }, DataRetention: 'none', RemovalPolicy: 'destroy' };

let emulator: ProjectsApiEmulator;
let logs: CapturedLogs;

freshEmulatorForEachTest((e, l) => {
  emulator = e;
  logs = l;
});

/** The error fields of the one line the handler logs at error level for the failure. */
function loggedError(): { attempts?: number; elapsedMs?: number; operation?: string } {
  const [line] = logs.lines.filter((candidate) => candidate.level === 'error');
  return line.error as { attempts?: number; elapsedMs?: number; operation?: string };
}

/** Runs `body` with no jitter in the retry waits: a throttle with Retry-After 0 is retried at once. */
async function withoutJitter<T>(body: () => Promise<T>): Promise<T> {
  const random = jest.spyOn(Math, 'random').mockReturnValue(0);
  try {
    return await body();
  } finally {
    random.mockRestore();
  }
}

describe('the attempts a failed Create reports', () => {
  test('a create throttled on every attempt is reported with the number of creates sent, and the time the loop took', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'throttle', retryAfterSeconds: 0 });
    const outcome = await withoutJitter(() => invoke(handler, createEvent(PROPS), 10_800));
    const creates = emulator.counts.CreateProject;
    expect(creates).toBeGreaterThan(1);
    expect(outcome.error?.message).toMatch(new RegExp(`^Could not create Bedrock project 'reported': CreateProject failed: HTTP 429 .*; still failing after ${creates} attempts$`));
    expect(loggedError()).toMatchObject({ operation: 'CreateProject', attempts: creates });
    expect(loggedError().elapsedMs).toBeGreaterThan(0);
    expect(loggedError().elapsedMs).toBeLessThanOrEqual(outcome.elapsedMs);
  });

  test('a list refused after two throttled creates is reported as the one list request it was, not as the creates', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'throttle', retryAfterSeconds: 0, count: 2 });
    // The first list answers 500 ms late (the time reported must be the refused list's own, not the loop's);
    // the 403 fault counts only the lists the delay let through.
    emulator.faults.inject({ operation: 'ListProjects', kind: 'delay', delayMs: 500, count: 1 });
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 403, skip: 1, count: 1 });
    const error = await withoutJitter(() => fail(handler, createEvent(PROPS)));
    expect(emulator.counts).toMatchObject({ CreateProject: 2, ListProjects: 3 });
    expect(error.message).toMatch(/^Could not create Bedrock project 'reported': ListProjects failed: HTTP 403 [^;]*$/);
    expect(loggedError()).toMatchObject({ operation: 'ListProjects', attempts: 1 });
    expect(loggedError().elapsedMs).toBeLessThan(500);
  });

  test('a create refused once is reported with its own request and time, not the list\'s before it', async () => {
    emulator.faults.inject({ operation: 'ListProjects', kind: 'delay', delayMs: 500, count: 1 });
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 400, count: 1 });
    const error = await fail(handler, createEvent(PROPS));
    expect(error.message).toMatch(/^Could not create Bedrock project 'reported': CreateProject failed: HTTP 400 [^;]*$/);
    expect(loggedError()).toMatchObject({ operation: 'CreateProject', attempts: 1 });
    expect(loggedError().elapsedMs).toBeLessThan(500);
  });

  test('a create refused after a list that failed ten times is reported as one create: the list\'s retries are not the create\'s', async () => {
    // The client gives the list up after 10 requests; the create loop reads it again, then the create is refused.
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 500, count: 10 });
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 400, count: 1 });
    const error = await withoutJitter(() => fail(handler, createEvent(PROPS)));
    expect(emulator.counts).toMatchObject({ ListProjects: 11, CreateProject: 1 });
    expect(error.message).toMatch(/^Could not create Bedrock project 'reported': CreateProject failed: HTTP 400 [^;]*$/);
  });
});

describe('the failure reason', () => {
  test('an event of an unknown RequestType fails, naming the type, the project and its physical id', async () => {
    const event = { ...createEvent(PROPS), RequestType: 'Replace', PhysicalResourceId: 'proj_abc' } as unknown as CloudFormationCustomResourceEvent;
    const error = await fail(handler, event);
    expect(error.message).toBe('Could not handle Bedrock project \'reported\' (proj_abc): Unknown RequestType "Replace"');
    expect(emulator.requests).toEqual([]);
  });

  test('an event without properties still gets a reason, without a project name', async () => {
    const { ResourceProperties: _none, ...event } = { ...createEvent(PROPS), RequestType: 'Replace', PhysicalResourceId: 'proj_abc' };
    const error = await fail(handler, event as unknown as CloudFormationCustomResourceEvent);
    expect(error.message).toBe('Could not handle Bedrock project (proj_abc): Unknown RequestType "Replace"');
  });

  test('the reason is one line with single spaces, even for a project name with a line break between spaces', async () => {
    const error = await fail(handler, createEvent({ ...PROPS, ProjectName: 'chat \n bot', Tags: { [MARK_KEY]: 'x' } }));
    expect(error.message).toMatch(/^Could not create Bedrock project 'chat bot': Tag key '[^']+' is reserved .* of project 'chat bot'$/);
  });
});
