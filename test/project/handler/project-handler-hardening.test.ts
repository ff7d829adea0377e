import {
  bundledHandler, createdIn, createEvent, deleteEvent, fail, freshEmulatorForEachTest, invoke, MARK, MARK_KEY, Properties, succeed,
  updateBodies, updateEvent,
} from './project-handler-harness';
import { ProjectsApiEmulator, StoredProject } from '../../emulators/projects-api';

/**
 * The handler against a service that answers the way a first real deployment meets it: tags AWS
 * put on a project, CloudFormation re-sending a Create, answers in shapes slightly off the
 * documented one, a list that lags behind a create, and failures that must be reported truthfully.
 */

const handler = bundledHandler();

const PROPS: Properties = {
  ProjectName: 'customer-chatbot',
  Tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1234' },
  DataRetention: 'none',
  RemovalPolicy: 'destroy',
};
const RETAIN_EXCEPT_ON_CREATE: Properties = { ...PROPS, RemovalPolicy: 'retain-except-on-create' };

let emulator: ProjectsApiEmulator;

freshEmulatorForEachTest((e) => {
  emulator = e;
});

const created = (props: Properties = PROPS): Promise<StoredProject> => createdIn(emulator, handler, props);
const modifyBodies = (): unknown[] => updateBodies(emulator);

describe('tags AWS puts on a project', () => {
  const AWS_TAGS = { 'aws:cloudformation:stack-name': 'ProjectsStack', 'aws:createdBy': 'AssumedRole:deployer' };

  test('aws: keys are never removed and never count as drift: a no-op Update writes nothing', async () => {
    const project = await created();
    emulator.store.tamper(project.id, (live) => Object.assign(live.tags, AWS_TAGS));
    await succeed(handler, updateEvent(project.id, PROPS, PROPS));
    expect(emulator.writeCount).toBe(0);
  });

  test('an Update that changes tags leaves the aws: keys in place', async () => {
    const project = await created();
    emulator.store.tamper(project.id, (live) => Object.assign(live.tags, AWS_TAGS));
    await succeed(handler, updateEvent(project.id, { ...PROPS, Tags: { Application: 'Other' } }, PROPS));
    expect(modifyBodies()).toEqual([{ add_tags: { Application: 'Other' } }, { remove_tag_keys: ['CostCenter'] }]);
    expect(emulator.store.get(project.id).tags).toMatchObject(AWS_TAGS);
  });

  test('aws: keys do not take room from the 200 tags a project may carry', async () => {
    const many = Object.fromEntries(Array.from({ length: 199 }, (_, index) => [`Key${index}`, 'v']));
    const project = await created({ ...PROPS, Tags: many });
    emulator.store.tamper(project.id, (live) => Object.assign(live.tags, AWS_TAGS));
    const changed = { ...many, Key0: 'changed' };
    await succeed(handler, updateEvent(project.id, { ...PROPS, Tags: changed }, PROPS));
    expect(modifyBodies()).toEqual([{ add_tags: { Key0: 'changed' } }]);
  });
});

describe('a Create that CloudFormation sends again', () => {
  test('under RETAIN_ON_UPDATE_OR_DELETE, the project of an earlier attempt of the same request is its own: the rollback archives it', async () => {
    const event = createEvent(RETAIN_EXCEPT_ON_CREATE);
    const first = await succeed(handler, event);
    // The answer to CloudFormation was lost; the same request (same RequestId) comes again.
    const again = await succeed(handler, event);
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(emulator.counts.CreateProject).toBe(1);
    await succeed(handler, deleteEvent(again.PhysicalResourceId, RETAIN_EXCEPT_ON_CREATE));
    expect(emulator.store.get(first.PhysicalResourceId).status).toBe('archived');
  });

  test('a re-sent Create that then fails archives the project its earlier attempt made', async () => {
    const event = createEvent(RETAIN_EXCEPT_ON_CREATE);
    const first = await succeed(handler, event);
    emulator.store.tamper(first.PhysicalResourceId, (live) => {
      live.name = 'drifted';
    });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    await fail(handler, event);
    expect(emulator.store.get(first.PhysicalResourceId).status).toBe('archived');
  });

  test('a project retained by an earlier stack (another request) is still taken back, kept by the rollback', async () => {
    const retained = await succeed(handler, createEvent(RETAIN_EXCEPT_ON_CREATE));
    const taken = await succeed(handler, createEvent(RETAIN_EXCEPT_ON_CREATE));
    expect(taken.PhysicalResourceId).toBe(`${retained.PhysicalResourceId}:adopted`);
    await succeed(handler, deleteEvent(taken.PhysicalResourceId, RETAIN_EXCEPT_ON_CREATE));
    expect(emulator.store.get(retained.PhysicalResourceId).status).toBe('active');
  });

  test('the creation token is not one of the user\'s tags: Updates neither remove it nor count it as drift', async () => {
    const project = await created();
    await succeed(handler, updateEvent(project.id, PROPS, PROPS));
    expect(emulator.writeCount).toBe(0);
  });
});

describe('answers in shapes that differ from the documented one', () => {
  test.each(['key-value-list', 'Key-Value-list'] as const)('tags written as a %s are read: a retried Create adopts, DESTROY archives', async (tags) => {
    emulator.answerShape = { tags };
    const first = await succeed(handler, createEvent(PROPS));
    const second = await succeed(handler, createEvent(PROPS));
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(emulator.store.activeProjects()).toHaveLength(1);
    await succeed(handler, updateEvent(first.PhysicalResourceId, PROPS, PROPS));
    await succeed(handler, deleteEvent(first.PhysicalResourceId, PROPS));
    expect(emulator.store.get(first.PhysicalResourceId).status).toBe('archived');
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ArchiveProject: 1 });
  });

  test('a null tag value is read as an empty value: an Update that changes nothing writes nothing', async () => {
    const props = { ...PROPS, Tags: { Application: 'CustomerChatbot', Empty: '' } };
    const project = await created(props);
    emulator.answerShape = { emptyTagValueAsNull: true };
    await succeed(handler, updateEvent(project.id, props, props));
    expect(emulator.writeCount).toBe(0);
  });

  test.each([
    ['a string', 'Application=CustomerChatbot'],
    ['a list of strings', ['Application']],
    ['a map with an object value', { Application: { value: 'x' } }],
  ])('tags written as %s fail the operation loudly, before any write', async (_, tags) => {
    const project = await created();
    emulator.store.tamper(project.id, (live) => {
      (live as { tags: unknown }).tags = tags;
    });
    const error = await fail(handler, updateEvent(project.id, PROPS, PROPS));
    expect(error.message).toMatch(new RegExp(`GetProject ${project.id} failed: HTTP 200 invalid_response: tags`));
    expect(emulator.writeCount).toBe(0);
  });
});

describe('a list that shows a new project only seconds after its create', () => {
  test('a create whose answer was lost is found by waiting for the list: no second project', async () => {
    emulator.listBehaviour.lagMs = 2_000;
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', afterProcessing: true, count: 1 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
    expect(emulator.counts.CreateProject).toBe(1);
  });

  test('a create whose answer never comes before the deadline is still found by the last look, and kept', async () => {
    emulator.listBehaviour.lagMs = 2_000;
    emulator.faults.inject({ operation: 'CreateProject', kind: 'delay', delayMs: 5_000 });
    const outcome = await invoke(handler, createEvent(PROPS), 10_350);
    expect(outcome.error).toBeUndefined();
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([outcome.response?.PhysicalResourceId]);
    expect(outcome.elapsedMs).toBeLessThan(outcome.remainingMs);
  });
});

describe('failure messages', () => {
  test('a persistent timeout quotes the time spent over all attempts, not the last attempt\'s limit', async () => {
    const project = await created();
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 5_000 });
    const error = await fail(handler, updateEvent(project.id, PROPS, PROPS), 10_800);
    const match = /GetProject proj_[a-z0-9]+ failed: no answer timeout_error: no answer in (\d+) ms over (\d+) attempts; still failing after \2 attempts$/.exec(error.message);
    expect(match).not.toBeNull();
    // More than any one attempt could take: each gets at most half of the 800 ms of work.
    expect(Number(match![1])).toBeGreaterThan(500);
    expect(Number(match![2])).toBe(emulator.counts.GetProject);
  });

  test('a request that failed without being retried does not say it was retried', async () => {
    const project = await created();
    // The service asks to wait longer than the time left, so the handler gives up at once.
    emulator.faults.inject({ operation: 'GetProject', kind: 'throttle', retryAfterSeconds: 30 });
    const error = await fail(handler, updateEvent(project.id, PROPS, PROPS), 10_800);
    expect(emulator.counts.GetProject).toBe(1);
    expect(error.message).toBe(`Could not update Bedrock project 'customer-chatbot' (${project.id}): GetProject ${project.id} failed: HTTP 429 throttling_error: Too many requests, please slow down`);
  });

  test('a request retried until the deadline says how many attempts it made', async () => {
    const project = await created();
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 503 });
    const error = await fail(handler, updateEvent(project.id, PROPS, PROPS), 10_800);
    expect(emulator.counts.GetProject).toBeGreaterThan(1);
    expect(error.message).toMatch(new RegExp(`HTTP 503 service_unavailable_error: Injected fault: HTTP 503; still failing after ${emulator.counts.GetProject} attempts$`));
  });
});

test('the mark survives every shape: a project found by list under any shape carries this resource\'s mark', async () => {
  emulator.answerShape = { tags: 'Key-Value-list', emptyTagValueAsNull: true };
  const response = await succeed(handler, createEvent({ ...PROPS, Tags: { Empty: '' } }));
  expect(emulator.store.get(response.PhysicalResourceId).tags).toMatchObject({ [MARK_KEY]: MARK, Empty: '' });
});
