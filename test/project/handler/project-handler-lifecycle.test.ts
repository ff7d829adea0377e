import {
  bundledHandler, createdIn, freshEmulatorForEachTest, CapturedLogs, CREATE_FAILED_MARKER, createEvent, deleteEvent, fail, invoke, LOGICAL_ID, MARK,
  MARK_KEY, Properties, STACK_ID, STACK_NAME, succeed, updateBodies, updateEvent,
} from './project-handler-harness';
import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY } from '../../../src/project/resource-contract';
import { ProjectsApiEmulator, StoredProject } from '../../emulators/projects-api';

const handler = bundledHandler();

const PROPS: Properties = {
  ProjectName: 'customer-chatbot',
  Tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1234', Environment: 'prod' },
  DataRetention: 'none',
  RemovalPolicy: 'destroy',
};

let emulator: ProjectsApiEmulator;
let logs: CapturedLogs;

const start = freshEmulatorForEachTest((e, l) => {
  emulator = e;
  logs = l;
});

const created = (props: Properties = PROPS): Promise<StoredProject> => createdIn(emulator, handler, props);
const modifyBodies = (): unknown[] => updateBodies(emulator);

test('the ownership mark key is the one the handler writes', () => {
  expect(OWNERSHIP_TAG_KEY).toBe(MARK_KEY);
});

describe('Create', () => {
  test('creates the project with its tags, the ownership mark, the creation token and the retention, and returns its id and attributes', async () => {
    const event = createEvent(PROPS);
    const response = await succeed(handler, event);

    const [project] = emulator.store.activeProjects();
    expect(response).toEqual({
      PhysicalResourceId: project.id,
      Data: { ProjectId: project.id, ProjectArn: `arn:aws:bedrock-mantle:us-east-1:123456789012:project/${project.id}`, ProjectName: 'customer-chatbot' },
    });
    expect(project.id).toMatch(/^proj_[a-z0-9]{20}$/);
    expect(project.tags).toEqual({ ...(PROPS.Tags as object), [MARK_KEY]: MARK, [CREATE_REQUEST_TAG_KEY]: event.RequestId });
    expect(project.data_retention).toEqual({ mode: 'none' });
    expect(Buffer.byteLength(JSON.stringify(response.Data))).toBeLessThan(4096);
    // One look for an earlier attempt's project, one create, nothing else.
    expect(emulator.counts).toMatchObject({ ListProjects: 1, CreateProject: 1, UpdateProject: 0, ArchiveProject: 0 });
  });

  test('without tags or retention, the project carries only the mark and keeps the service default', async () => {
    const event = createEvent({ ProjectName: 'bare' });
    const response = await succeed(handler, event);
    expect(emulator.store.get(response.PhysicalResourceId)).toMatchObject({ tags: { [MARK_KEY]: MARK }, data_retention: { mode: 'inherit' } });
    expect(emulator.requests.find((request) => request.operation === 'CreateProject')?.body)
      .toEqual({ name: 'bare', tags: { [MARK_KEY]: MARK, [CREATE_REQUEST_TAG_KEY]: event.RequestId } });
  });

  test('a custom retention mode is passed through as it is', async () => {
    const response = await succeed(handler, createEvent({ ...PROPS, DataRetention: 'aws_review' }));
    expect(emulator.store.get(response.PhysicalResourceId).data_retention).toEqual({ mode: 'aws_review' });
  });

  test('a rejected create fails with one line naming the project and the service message, and logs the event without its response URL', async () => {
    const error = await fail(handler, createEvent({ ...PROPS, DataRetention: 'bogus' }));
    expect(error.message).toBe(
      "Could not create Bedrock project 'customer-chatbot': CreateProject failed: HTTP 400 validation_error: data_retention.mode: 'bogus' is not one of inherit, default, none, provider_data_share, aws_review",
    );
    const [logged] = logs.lines.filter((line) => line.level === 'error');
    expect(logged.message).toBe(error.message);
    expect(logged.event).toMatchObject({ RequestType: 'Create', LogicalResourceId: LOGICAL_ID, ResourceProperties: { ProjectName: 'customer-chatbot' } });
    expect(JSON.stringify(logged)).not.toContain('X-Amz-Signature');
    expect(logged.error).toMatchObject({ operation: 'CreateProject', status: 400, type: 'validation_error' });
    // The service refused the create, so nothing can exist: no cleanup search.
    expect(emulator.counts).toMatchObject({ ListProjects: 1, CreateProject: 1, ArchiveProject: 0 });
    expect(emulator.store.activeProjects()).toHaveLength(0);
  });

  test('the reserved ownership key in the tags is refused before any call', async () => {
    const error = await fail(handler, createEvent({ ...PROPS, Tags: { [MARK_KEY]: 'someone-else' } }));
    expect(error.message).toMatch(/Tag key 'cdk-bedrock-projects:owner' is reserved/);
    expect(emulator.requests).toHaveLength(0);
  });

  test('a retried Create adopts the project of the first attempt instead of making a second one', async () => {
    // CloudFormation sends the same request again, RequestId included.
    const event = createEvent(PROPS);
    const first = await succeed(handler, event);
    const second = await succeed(handler, event);
    expect(second).toEqual(first);
    expect(emulator.store.activeProjects()).toHaveLength(1);
    expect(emulator.counts.CreateProject).toBe(1);
    expect(logs.messages('info')).toContain('Adopting the project an earlier attempt created');
  });

  test('an adopted project is brought to the desired state', async () => {
    const stale = emulator.store.seed({ name: 'old-name', tags: { [MARK_KEY]: MARK, Stale: 'yes', CostCenter: 'CC-0' } });
    const response = await succeed(handler, createEvent(PROPS));
    expect(response.PhysicalResourceId).toBe(stale.id);
    expect(emulator.store.get(stale.id)).toMatchObject({ name: 'customer-chatbot', tags: { ...(PROPS.Tags as object), [MARK_KEY]: MARK }, data_retention: { mode: 'none' } });
    expect(emulator.counts.CreateProject).toBe(0);
  });

  test('a project of another resource, or an archived one of this resource, is not adopted', async () => {
    emulator.store.seed({ name: 'customer-chatbot', tags: { [MARK_KEY]: `${STACK_NAME}/OtherProject` } });
    emulator.store.seed({ name: 'customer-chatbot', tags: { [MARK_KEY]: MARK }, status: 'archived' });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.counts.CreateProject).toBe(1);
    expect(emulator.store.activeProjects()).toHaveLength(2);
    expect(emulator.store.get(response.PhysicalResourceId).tags[MARK_KEY]).toBe(MARK);
  });

  test('a stack created again under the same name adopts the project its earlier deployment left; another stack does not', async () => {
    // E.g. a first deployment that rolled back with the project retained, and the stack deleted to try again.
    const first = await succeed(handler, createEvent(PROPS));
    const sameNameAgain = { ...createEvent(PROPS), StackId: STACK_ID.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000') };
    expect((await succeed(handler, sameNameAgain)).PhysicalResourceId).toBe(first.PhysicalResourceId);
    const otherStack = { ...createEvent(PROPS), StackId: STACK_ID.replace(`/${STACK_NAME}/`, '/OtherStack/') };
    expect((await succeed(handler, otherStack)).PhysicalResourceId).not.toBe(first.PhysicalResourceId);
    expect(emulator.counts.CreateProject).toBe(2);
  });

  test('a create whose answer is lost after it took effect is adopted on the next attempt', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', afterProcessing: true, count: 1 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 2 });
  });

  describe('a create whose answer does not come before the retries end', () => {
    // Half of the 350 ms before the deadline goes to the create attempt; what is left is too little
    // for another attempt, so only the last look, in the time kept back for cleanup, can find it.
    const REMAINING_MS = 10_350;
    const slowCreate = () => emulator.faults.inject({ operation: 'CreateProject', kind: 'delay', delayMs: 5_000 });

    test('is found by its mark and kept when it is what was asked for', async () => {
      slowCreate();
      const response = await succeed(handler, createEvent(PROPS), REMAINING_MS);
      expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
      expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 2, ArchiveProject: 0 });
      expect(logs.messages('info')).toContain('Found the project of a create whose answer was lost; keeping it');
    });

    test('is archived when it differs from what was asked for, and the Create fails', async () => {
      await start({ createIgnoresDataRetention: true });
      slowCreate();
      const error = await fail(handler, createEvent(PROPS), REMAINING_MS);
      expect(error.message).toMatch(/^Could not create Bedrock project 'customer-chatbot': CreateProject failed: no answer timeout_error/);
      expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 2, ArchiveProject: 1 });
      expect(emulator.store.activeProjects()).toHaveLength(0);
    });

    test('is reported for archiving by hand when the last look fails', async () => {
      slowCreate();
      emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 403, skip: 1 });
      const error = await fail(handler, createEvent(PROPS), REMAINING_MS);
      expect(error.message).toMatch(/CreateProject failed: no answer timeout_error/);
      expect(logs.messages('error')).toContain(
        'Could not look for the project of a create whose answer was lost; look for the ownership tag and archive it by hand',
      );
      expect(emulator.store.activeProjects()).toHaveLength(1);
    });
  });

  test('a Create that fails after adopting a project it found before creating anything leaves that project active and rethrows', async () => {
    // E.g. the project a removed resource retained, now that the resource is added back: archiving is terminal.
    const adopted = emulator.store.seed({ name: 'old-name', tags: { [MARK_KEY]: MARK } });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    const error = await fail(handler, createEvent(PROPS));
    expect(error.message).toBe(`Could not create Bedrock project 'customer-chatbot': UpdateProject ${adopted.id} failed: HTTP 409 invalid_request_error: Injected fault: HTTP 409`);
    expect(emulator.store.get(adopted.id).status).toBe('active');
    expect(emulator.counts.ArchiveProject).toBe(0);
    expect(logs.messages('warn')).toContain('Leaving the adopted project active after the failed Create');
  });

  test('a Create that fails after adopting the project its own lost create made archives the project and rethrows', async () => {
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', afterProcessing: true, count: 1 });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 409, count: 1 });
    const error = await fail(handler, createEvent(PROPS));
    expect(error.message).toMatch(/UpdateProject proj_[a-z0-9]+ failed: HTTP 409/);
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ArchiveProject: 1 });
    expect(emulator.store.activeProjects()).toHaveLength(0);
    expect(logs.messages('warn')).toContain('Archived the project of a failed Create');
  });

  test('a Create that fails after creating its project archives the project, within the time it was given', async () => {
    // A service that ignores the retention on create needs a modify, which then keeps failing.
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 503 });
    const outcome = await invoke(handler, createEvent(PROPS), 11_000);
    expect(outcome.error?.message).toMatch(
      /^Could not create Bedrock project 'customer-chatbot': UpdateProject proj_[a-z0-9]+ failed: HTTP 503 service_unavailable_error: Injected fault: HTTP 503; still failing after \d+ attempts$/,
    );
    // The work stops at the deadline 1 s away; the cleanup after it takes a few requests, and a
    // second covers a loaded machine.
    expect(outcome.elapsedMs).toBeLessThan(1_000 + 1_000);
    const [project] = emulator.store.all().filter((candidate) => candidate.id !== 'default');
    expect(project.status).toBe('archived');
    expect(emulator.store.activeProjects()).toHaveLength(0);
  });
});

describe('Update', () => {
  test('renames, adds, changes and removes tags and changes retention, one change per request, in place', async () => {
    const project = await created();
    const next: Properties = {
      ...PROPS,
      ProjectName: 'customer-chatbot-v2',
      Tags: { Application: 'CustomerChatbot', CostCenter: 'CC-9999', Owner: 'team-a' },
      DataRetention: 'default',
    };
    const response = await succeed(handler, updateEvent(project.id, next, PROPS));
    expect(response).toEqual({
      PhysicalResourceId: project.id,
      Data: { ProjectId: project.id, ProjectArn: project.arn, ProjectName: 'customer-chatbot-v2' },
    });
    expect(modifyBodies()).toEqual([
      { name: 'customer-chatbot-v2' },
      { add_tags: { CostCenter: 'CC-9999', Owner: 'team-a' } },
      { remove_tag_keys: ['Environment'] },
      { data_retention: { mode: 'default' } },
    ]);
    expect(emulator.store.get(project.id)).toMatchObject({
      name: 'customer-chatbot-v2', tags: { ...(next.Tags as object), [MARK_KEY]: MARK }, data_retention: { mode: 'default' },
    });
    expect(emulator.counts).toMatchObject({ GetProject: 1, CreateProject: 0, ArchiveProject: 0 });
  });

  test('an Update that changes nothing on the project makes no write', async () => {
    const project = await created();
    const response = await succeed(handler, updateEvent(project.id, { ...PROPS, RemovalPolicy: 'retain' }, PROPS));
    expect(response.PhysicalResourceId).toBe(project.id);
    expect(emulator.writeCount).toBe(0);
    expect(emulator.counts.GetProject).toBe(1);
  });

  test('without DataRetention before and after, the retention is left as it is', async () => {
    const { DataRetention: _ignored, ...withoutRetention } = PROPS;
    const project = await created(withoutRetention);
    emulator.store.modify(project.id, { data_retention: { mode: 'none' } }); // outside CloudFormation
    await succeed(handler, updateEvent(project.id, { ...withoutRetention, Tags: { Application: 'Other' } }, withoutRetention));
    expect(emulator.store.get(project.id).data_retention).toEqual({ mode: 'none' });
    expect(modifyBodies()).not.toContainEqual(expect.objectContaining({ data_retention: expect.anything() }));
  });

  test('a DataRetention that is dropped returns the project to the service default, and a rollback restores it', async () => {
    const project = await created();
    const { DataRetention: _ignored, ...withoutRetention } = PROPS;
    await succeed(handler, updateEvent(project.id, withoutRetention, PROPS));
    expect(emulator.store.get(project.id).data_retention).toEqual({ mode: 'inherit' });
    await succeed(handler, updateEvent(project.id, PROPS, withoutRetention));
    expect(emulator.store.get(project.id).data_retention).toEqual({ mode: 'none' });
  });

  test('the rollback of an Update that first set DataRetention returns the project to the service default', async () => {
    const { DataRetention: _ignored, ...withoutRetention } = PROPS;
    const project = await created(withoutRetention);
    await succeed(handler, updateEvent(project.id, PROPS, withoutRetention));
    expect(emulator.store.get(project.id).data_retention).toEqual({ mode: 'none' });
    await succeed(handler, updateEvent(project.id, withoutRetention, PROPS));
    expect(emulator.store.get(project.id).data_retention).toEqual({ mode: 'inherit' });
  });

  test('a rollback Update (old and new swapped) restores the previous state', async () => {
    const project = await created();
    const next: Properties = { ...PROPS, ProjectName: 'renamed', Tags: { Application: 'Other' }, DataRetention: 'default' };
    await succeed(handler, updateEvent(project.id, next, PROPS));
    const rollback = await succeed(handler, updateEvent(project.id, PROPS, next));
    expect(rollback.PhysicalResourceId).toBe(project.id);
    expect(emulator.store.get(project.id)).toMatchObject({ name: project.name, tags: project.tags, data_retention: project.data_retention });
  });

  test('repairs changes made outside CloudFormation, the removed ownership mark included', async () => {
    const project = await created();
    emulator.store.tamper(project.id, (live) => {
      live.name = 'renamed-by-hand';
      live.tags = { Application: 'Changed', Extra: 'added-by-hand' };
      live.data_retention = { mode: 'provider_data_share' };
    });
    await succeed(handler, updateEvent(project.id, PROPS, PROPS));
    // The creation token only serves a Create sent again, so an Update does not put it back.
    const { [CREATE_REQUEST_TAG_KEY]: _token, ...managedTags } = project.tags;
    expect(emulator.store.get(project.id).tags).toEqual(managedTags);
    expect(emulator.store.get(project.id)).toMatchObject({ name: PROPS.ProjectName, data_retention: { mode: 'none' } });
    expect(modifyBodies()).toEqual([
      { name: PROPS.ProjectName },
      { add_tags: { ...(PROPS.Tags as object), [MARK_KEY]: MARK } },
      { remove_tag_keys: ['Extra'] },
      { data_retention: { mode: 'none' } },
    ]);
  });

  test('never removes the ownership mark, even when every tag goes', async () => {
    const project = await created();
    await succeed(handler, updateEvent(project.id, { ...PROPS, Tags: {} }, PROPS));
    expect(emulator.store.get(project.id).tags).toEqual({ [MARK_KEY]: MARK, [CREATE_REQUEST_TAG_KEY]: expect.any(String) });
    expect(modifyBodies()).toEqual([{ remove_tag_keys: ['Application', 'CostCenter', 'Environment'] }]);
  });

  test('removes tags first when adding first would pass the 200-tag limit', async () => {
    const old = Object.fromEntries(Array.from({ length: 199 }, (_, index) => [`Old${index}`, 'x']));
    const project = await created({ ...PROPS, Tags: old });
    const fresh = Object.fromEntries(Array.from({ length: 199 }, (_, index) => [`New${index}`, 'y']));
    await succeed(handler, updateEvent(project.id, { ...PROPS, Tags: fresh }, PROPS));
    expect(emulator.store.get(project.id).tags).toEqual({ ...fresh, [MARK_KEY]: MARK });
    expect(modifyBodies().map((body) => Object.keys(body as object)[0])).toEqual(['remove_tag_keys', 'add_tags']);
  });

  test('an archived project fails the Update with a clear message and no write', async () => {
    const project = await created();
    emulator.store.archive(project.id);
    const error = await fail(handler, updateEvent(project.id, { ...PROPS, ProjectName: 'x' }, PROPS));
    expect(error.message).toBe(
      `Could not update Bedrock project 'x' (${project.id}): Project ${project.id} ('customer-chatbot') is archived; archived projects cannot be changed, so replace the resource (e.g. change its logical id)`,
    );
    expect(emulator.writeCount).toBe(0);
  });

  test('a missing project fails the Update with a clear message', async () => {
    const error = await fail(handler, updateEvent('proj_gone0000000000000000', PROPS, PROPS));
    expect(error.message).toMatch(/^Could not update Bedrock project 'customer-chatbot' \(proj_gone0000000000000000\): Project proj_gone0000000000000000 does not exist in us-east-1 .*HTTP 404 not_found_error/);
    expect(emulator.writeCount).toBe(0);
  });

  test('a project marked as another resource\'s is not changed', async () => {
    const foreign = emulator.store.seed({ name: 'theirs', tags: { [MARK_KEY]: 'some-other-stack/Resource' } });
    const error = await fail(handler, updateEvent(foreign.id, PROPS, PROPS));
    expect(error.message).toContain('carries the ownership mark \'some-other-stack/Resource\' of another resource');
    expect(emulator.writeCount).toBe(0);
  });
});

describe('Delete', () => {
  test.each([
    ['retain', { ...PROPS, RemovalPolicy: 'retain' }],
    ['absent (retain)', { ProjectName: 'customer-chatbot' }],
    ['unknown (retain)', { ...PROPS, RemovalPolicy: 'snapshot' }],
  ])('with RemovalPolicy %s keeps the project and calls nothing', async (_, props) => {
    const project = await created();
    const response = await succeed(handler, deleteEvent(project.id, props as Properties));
    expect(response).toEqual({ PhysicalResourceId: project.id });
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.store.get(project.id).status).toBe('active');
  });

  test('with RemovalPolicy destroy archives the project; a repeated Delete is done without archiving again', async () => {
    const project = await created();
    await succeed(handler, deleteEvent(project.id, PROPS));
    expect(emulator.store.get(project.id).status).toBe('archived');
    await succeed(handler, deleteEvent(project.id, PROPS));
    expect(emulator.counts).toMatchObject({ GetProject: 2, ArchiveProject: 1 });
  });

  test('with RemovalPolicy retain-except-on-create, the Delete CloudFormation sends when a creation rolls back archives the project', async () => {
    const props = { ...PROPS, RemovalPolicy: 'retain-except-on-create' };
    const project = await created(props);
    await succeed(handler, deleteEvent(project.id, props));
    expect(emulator.store.get(project.id).status).toBe('archived');
  });

  test('with RemovalPolicy retain-except-on-create, a project the Create took back rather than made is kept by the rollback Delete', async () => {
    // E.g. retained when the stack was deleted, and taken back by a deployment that then rolls back.
    const props = { ...PROPS, RemovalPolicy: 'retain-except-on-create' };
    const retained = emulator.store.seed({ name: 'customer-chatbot', tags: { [MARK_KEY]: MARK } });
    const response = await succeed(handler, createEvent(props));
    expect(response.PhysicalResourceId).toBe(`${retained.id}:adopted`);
    expect(response.Data?.ProjectId).toBe(retained.id);

    await succeed(handler, deleteEvent(response.PhysicalResourceId, props));
    expect(emulator.store.get(retained.id).status).toBe('active');
    expect(emulator.counts.ArchiveProject).toBe(0);
    expect(logs.messages('info')).toContain('Keeping the project the rolled-back creation took back (removal policy retain-except-on-create)');
  });

  test('a taken-back project keeps its physical id through Updates, and DESTROY still archives it', async () => {
    const seeded = emulator.store.seed({ name: 'customer-chatbot', tags: { [MARK_KEY]: MARK } });
    const physicalId = (await succeed(handler, createEvent({ ...PROPS, RemovalPolicy: 'retain-except-on-create' }))).PhysicalResourceId;
    expect(physicalId).toBe(`${seeded.id}:adopted`);
    const updated = await succeed(handler, updateEvent(physicalId, { ...PROPS, ProjectName: 'renamed' }, PROPS));
    expect(updated).toMatchObject({ PhysicalResourceId: physicalId, Data: { ProjectId: seeded.id, ProjectName: 'renamed' } });
    await succeed(handler, deleteEvent(physicalId, PROPS));
    expect(emulator.store.get(seeded.id).status).toBe('archived');
  });

  test.each([CREATE_FAILED_MARKER, 'default', 'proj_UPPER', 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/proj_abc'])(
    'after a failed Create (physical id %s) touches nothing', async (physicalId) => {
      await succeed(handler, deleteEvent(physicalId, PROPS));
      expect(emulator.requests).toHaveLength(0);
    });

  test('a project that no longer exists is done', async () => {
    await succeed(handler, deleteEvent('proj_gone0000000000000000', PROPS));
    expect(emulator.counts).toMatchObject({ GetProject: 1, ArchiveProject: 0 });
  });

  test('a project without this resource\'s mark is not archived, and the Delete succeeds', async () => {
    const unmarked = emulator.store.seed({ name: 'made-by-hand', tags: { Application: 'X' } });
    const otherOwner = emulator.store.seed({ name: 'other', tags: { [MARK_KEY]: `${STACK_NAME}/SomeoneElse` } });
    await succeed(handler, deleteEvent(unmarked.id, PROPS));
    await succeed(handler, deleteEvent(otherOwner.id, PROPS));
    expect(emulator.store.get(unmarked.id).status).toBe('active');
    expect(emulator.store.get(otherOwner.id).status).toBe('active');
    expect(emulator.counts.ArchiveProject).toBe(0);
    expect(logs.messages('warn')).toEqual([
      "Not archiving a project that does not carry this resource's ownership mark",
      "Not archiving a project that does not carry this resource's ownership mark",
    ]);
  });
});

describe('full lifecycle', () => {
  test('Create, Update, rollback, Delete leave one archived project and nothing else', async () => {
    const { PhysicalResourceId: id } = await succeed(handler, createEvent(PROPS));
    const next = { ...PROPS, ProjectName: 'v2', Tags: { Application: 'CustomerChatbot' } };
    await succeed(handler, updateEvent(id, next, PROPS));
    await succeed(handler, updateEvent(id, PROPS, next));
    await succeed(handler, deleteEvent(id, PROPS));
    const projects = emulator.store.all().filter((project) => project.id !== 'default');
    expect(projects.map((project) => [project.id, project.status, project.name])).toEqual([[id, 'archived', 'customer-chatbot']]);
  });
});

describe('list tolerance', () => {
  test.each([
    ['ignores paging and always says has_more', { ignorePaging: true, alwaysHasMore: true }],
    ['pages one project at a time', { maxPageSize: 1 }],
    ['says has_more on its last page', { maxPageSize: 2, alwaysHasMore: true }],
  ])('a retried Create still adopts when the server %s', async (_, list) => {
    await start({ list });
    for (let index = 0; index < 5; index++) {
      emulator.store.seed({ name: `other-${index}` });
    }
    const first = await succeed(handler, createEvent(PROPS));
    const second = await succeed(handler, createEvent(PROPS));
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(emulator.counts.CreateProject).toBe(1);
    expect(emulator.store.activeProjects()).toHaveLength(6);
  });
});
