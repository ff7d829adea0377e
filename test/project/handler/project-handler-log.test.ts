import {
  bundledHandler, CapturedLogs, CREATE_FAILED_MARKER, createEvent, deleteEvent, fail, freshEmulatorForEachTest, MARK, MARK_KEY, Properties, succeed,
  updateEvent,
} from './project-handler-harness';
import { ProjectsApiEmulator } from '../../emulators/projects-api';

/**
 * The handler's JSON log lines are what an operator queries (CloudWatch Logs Insights) when a
 * project needs work by hand: which project a decision was about, which ownership mark it
 * carries, which call failed. Each decision's line is pinned here, fields included; the tests
 * compare whole lines, so a field that goes missing or changes its name fails them.
 */

const handler = bundledHandler();

const PROPS: Properties = { ProjectName: 'logged', Tags: { Application: 'Logged' }, DataRetention: 'none', RemovalPolicy: 'destroy' };

let emulator: ProjectsApiEmulator;
let logs: CapturedLogs;

const start = freshEmulatorForEachTest((e, l) => {
  emulator = e;
  logs = l;
});

const seedOwned = (tags: Record<string, string> = { [MARK_KEY]: MARK }) =>
  emulator.store.seed({ name: 'logged', tags: { Application: 'Logged', ...tags }, data_retention: { mode: 'none' } });

/** The lines of one level, as the handler wrote them. */
const linesAt = (level: string) => logs.lines.filter((line) => line.level === level);

describe('Create', () => {
  test('a created project is logged with its id and name, and nothing else is logged', async () => {
    const response = await succeed(handler, createEvent(PROPS));
    expect(logs.lines).toEqual([{ level: 'info', message: 'Created project', projectId: response.PhysicalResourceId, name: 'logged' }]);
  });

  test('a project taken back by its ownership mark is logged with its id, the attempt and the mark', async () => {
    const retained = seedOwned();
    await succeed(handler, createEvent(PROPS));
    expect(logs.lines).toEqual([
      { level: 'info', message: 'Taking back the project this resource\'s mark names', projectId: retained.id, attempt: 1, ownershipMark: MARK },
    ]);
  });

  test('a project an earlier attempt of the same Create made is logged as adopted, with its id, the attempt and the mark', async () => {
    const event = createEvent(PROPS);
    const first = await succeed(handler, event);
    logs.lines.length = 0;
    await succeed(handler, event);
    expect(logs.lines).toEqual([
      { level: 'info', message: 'Adopting the project an earlier attempt created', projectId: first.PhysicalResourceId, attempt: 1, ownershipMark: MARK },
    ]);
  });

  test('a create attempt that failed is logged with the attempt, the wait before the next and the service\'s error', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'throttle', retryAfterSeconds: 0, count: 1 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(logs.lines).toEqual([
      {
        level: 'warn',
        message: 'Create attempt failed; looking for its project before trying again',
        attempt: 1,
        delayMs: expect.any(Number),
        error: expect.objectContaining({ name: 'ProjectsApiError', operation: 'CreateProject', status: 429 }),
      },
      { level: 'info', message: 'Created project', projectId: response.PhysicalResourceId, name: 'logged' },
    ]);
  });

  test('the project of a failed Create is archived and logged with its id', async () => {
    // A service that ignores the retention on create needs a modify, which is refused.
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    await fail(handler, createEvent(PROPS));
    const [project] = emulator.store.all().filter((candidate) => candidate.id !== 'default');
    expect(linesAt('warn')).toEqual([{ level: 'warn', message: 'Archived the project of a failed Create', projectId: project.id }]);
  });

  test('an archive that fails after a failed Create asks for archiving by hand, naming the project, its mark and the refused call', async () => {
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 403, count: 1 });
    await fail(handler, createEvent(PROPS));
    const [project] = emulator.store.activeProjects();
    expect(linesAt('error')[0]).toEqual({
      level: 'error',
      message: 'Could not archive the project of a failed Create; archive it by hand',
      projectId: project.id,
      ownershipMark: MARK,
      error: expect.objectContaining({ operation: 'ArchiveProject', status: 403, projectId: project.id }),
    });
  });

  test('a taken-back project left active after a failed Create is logged with its id and mark', async () => {
    const retained = seedOwned({ [MARK_KEY]: MARK, Stale: 'yes' });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    await fail(handler, createEvent(PROPS));
    expect(linesAt('warn')).toEqual([
      { level: 'warn', message: 'Leaving the adopted project active after the failed Create', projectId: retained.id, ownershipMark: MARK },
    ]);
  });

  test('the project of a lost create found by the last look is logged as kept, with its id and mark', async () => {
    // The create's answer is lost; the next attempt's list is refused, so only the last look finds it.
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', afterProcessing: true, count: 1 });
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 403, skip: 1, count: 1 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(linesAt('info')).toEqual([
      { level: 'info', message: 'Found the project of a create whose answer was lost; keeping it', projectId: response.PhysicalResourceId, ownershipMark: MARK },
    ]);
  });

  test('a lost create the last look could not check asks for a search by hand, naming the ownership tag key, the mark and the refused call', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', count: 1 });
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 403, skip: 1 });
    await fail(handler, createEvent(PROPS));
    expect(linesAt('error')[0]).toEqual({
      level: 'error',
      message: 'Could not look for the project of a create whose answer was lost; look for the ownership tag and archive it by hand',
      ownershipTag: MARK_KEY,
      ownershipMark: MARK,
      error: expect.objectContaining({ operation: 'ListProjects', status: 403 }),
    });
  });
});

describe('retries and failures', () => {
  test('a retried API call is logged with the operation, the attempt, the wait and the error\'s message', async () => {
    const project = seedOwned();
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    await succeed(handler, updateEvent(project.id, PROPS, PROPS));
    expect(logs.lines).toEqual([{
      level: 'warn',
      message: 'Retrying a Projects API call',
      operation: 'GetProject',
      attempt: 1,
      delayMs: expect.any(Number),
      error: expect.stringMatching(new RegExp(`^GetProject ${project.id} failed: HTTP 500 `)),
    }]);
  });

  test('a failed request is logged once at error level: the reason CloudFormation shows, the event without its response URL, and the error\'s fields', async () => {
    const project = seedOwned();
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 403, count: 1 });
    const event = updateEvent(project.id, PROPS, PROPS);
    const error = await fail(handler, event);
    const { ResponseURL: _secret, ...withoutUrl } = event;
    expect(logs.lines).toEqual([{
      level: 'error',
      message: error.message,
      event: withoutUrl,
      error: expect.objectContaining({
        name: 'ProjectsApiError', message: expect.stringContaining('HTTP 403'), operation: 'GetProject', status: 403, projectId: project.id, attempts: 1,
      }),
    }]);
  });

  test('an error that is not the service\'s is logged with its name and message', async () => {
    const event = updateEvent('not-a-project', PROPS, PROPS);
    const error = await fail(handler, event);
    expect(logs.lines).toEqual([{
      level: 'error',
      message: error.message,
      event: expect.objectContaining({ RequestType: 'Update', PhysicalResourceId: 'not-a-project' }),
      error: { name: 'Error', message: 'Physical id \'not-a-project\' is not a project id this resource can manage' },
    }]);
  });
});

describe('Delete', () => {
  test('a physical id that is no project is logged as nothing to delete, with that id', async () => {
    await succeed(handler, deleteEvent(CREATE_FAILED_MARKER, PROPS));
    expect(logs.lines).toEqual([
      { level: 'info', message: 'Nothing to delete: the physical id is not a project this resource created', physicalResourceId: CREATE_FAILED_MARKER },
    ]);
  });

  test('a retained project is logged with its id', async () => {
    const project = seedOwned();
    await succeed(handler, deleteEvent(project.id, { ...PROPS, RemovalPolicy: 'retain' }));
    expect(logs.lines).toEqual([{ level: 'info', message: 'Retaining the project (removal policy retain)', projectId: project.id }]);
  });

  test('a taken-back project kept by the rollback Delete is logged with its id', async () => {
    const project = seedOwned();
    await succeed(handler, deleteEvent(`${project.id}:adopted`, { ...PROPS, RemovalPolicy: 'retain-except-on-create' }));
    expect(logs.lines).toEqual([{
      level: 'info', message: 'Keeping the project the rolled-back creation took back (removal policy retain-except-on-create)', projectId: project.id,
    }]);
  });

  test('a project that no longer exists is logged with its id', async () => {
    await succeed(handler, deleteEvent('proj_gone0000000000000000', PROPS));
    expect(logs.lines).toEqual([{ level: 'info', message: 'The project no longer exists', projectId: 'proj_gone0000000000000000' }]);
  });

  test('a project already archived is logged with its id', async () => {
    const project = seedOwned();
    emulator.store.archive(project.id);
    await succeed(handler, deleteEvent(project.id, PROPS));
    expect(logs.lines).toEqual([{ level: 'info', message: 'The project is already archived', projectId: project.id }]);
  });

  test('a project left alone for lack of this resource\'s mark is logged with its id, the mark expected and the mark found', async () => {
    const foreign = seedOwned({ [MARK_KEY]: 'OtherStack/Other' });
    const unmarked = seedOwned({});
    await succeed(handler, deleteEvent(foreign.id, PROPS));
    await succeed(handler, deleteEvent(unmarked.id, PROPS));
    const message = 'Not archiving a project that does not carry this resource\'s ownership mark';
    expect(logs.lines).toEqual([
      { level: 'warn', message, projectId: foreign.id, expectedMark: MARK, foundMark: 'OtherStack/Other' },
      { level: 'warn', message, projectId: unmarked.id, expectedMark: MARK, foundMark: null },
    ]);
  });

  test.each(['destroy', 'retain-except-on-create'])('an archived project is logged with its id and the removal policy (%s)', async (removalPolicy) => {
    const project = seedOwned();
    await succeed(handler, deleteEvent(project.id, { ...PROPS, RemovalPolicy: removalPolicy }));
    expect(logs.lines).toEqual([{ level: 'info', message: 'Archived the project', projectId: project.id, removalPolicy }]);
  });
});
