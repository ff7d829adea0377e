import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  bundledHandler, createEvent, deleteEvent, freshEmulatorForEachTest, invoke, MARK, MARK_KEY, Properties, updateEvent,
} from './project-handler-harness';
import { FaultSpec, ProjectsApiEmulator } from '../../emulators/projects-api';

/**
 * Every fault on every operation, once transient (the handler must succeed after retrying) and once
 * persistent (it must fail with a clear message, within the time Lambda gave it). After each case
 * the emulator's projects are counted: no duplicate, no orphan.
 */

const handler = bundledHandler();
const SAFETY_MARGIN_MS = 10_000;
/** How long the handler lets the list show the project of a create whose answer was lost. */
const LIST_SETTLE_MS = 5_000;
/** Enough for a case that waits the list out, on a loaded machine. */
const TEST_TIMEOUT_MS = 30_000;

const PROPS: Properties = { ProjectName: 'faulty', Tags: { Application: 'Faulty' }, DataRetention: 'none', RemovalPolicy: 'destroy' };
const RENAMED: Properties = { ...PROPS, ProjectName: 'faulty-renamed' };

type Operation = 'ListProjects' | 'CreateProject' | 'GetProject' | 'UpdateProject' | 'ArchiveProject';
type Fault = 'throttle429' | 'error500' | 'error503' | 'slow' | 'dropped';

/** What each operation's cases run: the event that exercises it, and the state that proves success. */
interface Scenario {
  /** Puts the project the event needs in place, if any. */
  readonly setup: (emulator: ProjectsApiEmulator) => string | undefined;
  readonly event: (projectId: string | undefined) => CloudFormationCustomResourceEvent;
  /** Active projects (besides the default one) carrying the mark after a success / after a failure. */
  readonly activeAfter: { readonly success: number; readonly failure: number };
  /** Checks the project's state after success. */
  readonly succeeded: (emulator: ProjectsApiEmulator, projectId: string | undefined) => void;
}

const seedOwned = (emulator: ProjectsApiEmulator) =>
  emulator.store.seed({ name: 'faulty', tags: { Application: 'Faulty', [MARK_KEY]: MARK }, data_retention: { mode: 'none' } }).id;

const SCENARIOS: Record<Operation, Scenario> = {
  ListProjects: {
    setup: () => undefined,
    event: () => createEvent(PROPS),
    activeAfter: { success: 1, failure: 0 },
    succeeded: (emulator) => expect(emulator.store.activeProjects()[0]).toMatchObject({ name: 'faulty', tags: { [MARK_KEY]: MARK } }),
  },
  CreateProject: {
    setup: () => undefined,
    event: () => createEvent(PROPS),
    activeAfter: { success: 1, failure: 0 },
    succeeded: (emulator) => expect(emulator.store.activeProjects()[0]).toMatchObject({ name: 'faulty', tags: { [MARK_KEY]: MARK } }),
  },
  GetProject: {
    setup: seedOwned,
    event: (id) => updateEvent(id!, RENAMED, PROPS),
    activeAfter: { success: 1, failure: 1 },
    succeeded: (emulator, id) => expect(emulator.store.get(id!).name).toBe('faulty-renamed'),
  },
  UpdateProject: {
    setup: seedOwned,
    event: (id) => updateEvent(id!, RENAMED, PROPS),
    activeAfter: { success: 1, failure: 1 },
    succeeded: (emulator, id) => expect(emulator.store.get(id!).name).toBe('faulty-renamed'),
  },
  ArchiveProject: {
    setup: seedOwned,
    event: (id) => deleteEvent(id!, PROPS),
    activeAfter: { success: 0, failure: 1 },
    succeeded: (emulator, id) => expect(emulator.store.get(id!).status).toBe('archived'),
  },
};

/** The fault, and the time the handler gets, for a transient case (once) and a persistent one. */
const FAULTS: Record<Fault, { readonly spec: Omit<FaultSpec, 'operation'>; readonly transientRemainingMs: number; readonly pattern: RegExp }> = {
  throttle429: { spec: { kind: 'throttle', retryAfterSeconds: 1 }, transientRemainingMs: 30_000, pattern: /HTTP 429 throttling_error: Too many requests/ },
  error500: { spec: { kind: 'error', status: 500 }, transientRemainingMs: 30_000, pattern: /HTTP 500 internal_server_error/ },
  error503: { spec: { kind: 'error', status: 503 }, transientRemainingMs: 30_000, pattern: /HTTP 503 service_unavailable_error/ },
  // A slow answer only turns into a retry once it outlasts the attempt timeout (half the time left),
  // so the transient case gives the handler 4 s and answers in 3 s: the first attempt gives up after
  // 2 s and the retry has the other 2 s, enough on a loaded machine.
  slow: { spec: { kind: 'delay', delayMs: 3_000 }, transientRemainingMs: SAFETY_MARGIN_MS + 4_000, pattern: /no answer timeout_error: no answer (within|in) \d+ ms/ },
  dropped: { spec: { kind: 'drop' }, transientRemainingMs: 30_000, pattern: /no answer network_error/ },
};

/** Time left to the handler in persistent cases: 800 ms of work before its safety margin. */
const PERSISTENT_REMAINING_MS = SAFETY_MARGIN_MS + 800;

/**
 * Persistent faults whose request still takes effect: a slow answer comes after the service has
 * acted. A create that times out is then found and adopted (success); an archive that times out
 * fails the Delete although the project is archived (a retried Delete then finds it archived).
 */
const PERSISTENT_OUTCOME: Partial<Record<`${Operation}:${Fault}`, { readonly succeeds: boolean; readonly active: number }>> = {
  'CreateProject:slow': { succeeds: true, active: 1 },
  'ArchiveProject:slow': { succeeds: false, active: 0 },
};

const OPERATIONS = Object.keys(SCENARIOS) as Operation[];
const FAULT_NAMES = Object.keys(FAULTS) as Fault[];
const CASES = OPERATIONS.flatMap((operation) => FAULT_NAMES.map((fault) => [operation, fault] as const));

let emulator: ProjectsApiEmulator;

freshEmulatorForEachTest((e) => {
  emulator = e;
});

function markedActive(): number {
  return emulator.store.activeProjects().filter((project) => project.tags[MARK_KEY] === MARK).length;
}

describe.each(CASES)('%s with a %s fault', (operation, fault) => {
  const scenario = SCENARIOS[operation];
  const { spec, transientRemainingMs, pattern } = FAULTS[fault];

  test('once: succeeds after retrying', async () => {
    const projectId = scenario.setup(emulator);
    emulator.faults.inject({ ...spec, operation, count: 1 });

    const outcome = await invoke(handler, scenario.event(projectId), transientRemainingMs);

    expect(outcome.error).toBeUndefined();
    expect(emulator.faults.applied[spec.kind]).toBe(1);
    // A create whose slow answer was given up on is not sent again: the next attempt finds its project.
    const adopted = operation === 'CreateProject' && fault === 'slow';
    expect(emulator.counts[operation]).toBeGreaterThanOrEqual(adopted ? 1 : 2);
    if (adopted) {
      expect(emulator.counts.ListProjects).toBe(2);
    }
    scenario.succeeded(emulator, projectId ?? outcome.response?.PhysicalResourceId);
    expect(markedActive()).toBe(scenario.activeAfter.success);
    expect(emulator.store.activeProjects()).toHaveLength(scenario.activeAfter.success);
    expect(outcome.elapsedMs).toBeLessThan(transientRemainingMs - SAFETY_MARGIN_MS);
    if (fault === 'throttle429') {
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(990);
    }
  }, TEST_TIMEOUT_MS);

  test('persistently: ends within its time, clearly, leaving no duplicate or orphan', async () => {
    const projectId = scenario.setup(emulator);
    emulator.faults.inject({ ...spec, operation });

    const outcome = await invoke(handler, scenario.event(projectId), PERSISTENT_REMAINING_MS);

    const expected = PERSISTENT_OUTCOME[`${operation}:${fault}`]
      ?? { succeeds: false, active: scenario.activeAfter.failure };
    if (expected.succeeds) {
      expect(outcome.error).toBeUndefined();
    } else {
      expect(outcome.error?.message).toMatch(pattern);
      expect(outcome.error?.message).toContain(operation);
      expect(outcome.error?.message).not.toContain('\n');
      // The message says the request was retried only when it was: a throttle asking for a
      // longer wait than is left ends at once, and so does a create that may have made the
      // project (the list is read until the deadline instead of creating again).
      const retried = /; still failing after (\d+) attempts$/.exec(outcome.error!.message);
      if (fault === 'throttle429' || operation === 'CreateProject') {
        expect(retried).toBeNull();
      } else if (retried === null) {
        // A loaded machine may leave no time for a second attempt; then the message must not claim one.
        expect(emulator.counts[operation]).toBe(1);
      } else {
        expect(Number(retried[1])).toBeGreaterThan(1);
        expect(emulator.counts[operation]).toBeGreaterThanOrEqual(Number(retried[1]));
      }
    }
    expect(markedActive()).toBe(expected.active);
    expect(emulator.store.activeProjects()).toHaveLength(expected.active);
    // The work stops at the deadline (time left minus the safety margin); only the answer to the
    // framework, and for a Create the cleanup, may come after it. A hung request would take its
    // full 15 s timeout; a second covers a loaded machine.
    // After a create that may have made the project, the cleanup gives the list its settle time.
    const cleanupWait = operation === 'CreateProject' ? LIST_SETTLE_MS : 0;
    expect(outcome.elapsedMs).toBeLessThan(PERSISTENT_REMAINING_MS - SAFETY_MARGIN_MS + cleanupWait + 1_000);
    expect(outcome.elapsedMs).toBeLessThan(outcome.remainingMs);
  }, TEST_TIMEOUT_MS);
});
