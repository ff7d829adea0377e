import {
  bundledHandler, freshEmulatorForEachTest, CapturedLogs, createEvent, deleteEvent, fail, invoke, MARK, MARK_KEY, Properties, succeed, updateEvent,
} from './project-handler-harness';
import { ProjectsApiEmulator } from '../../emulators/projects-api';

/**
 * The decisions that can duplicate, lose or wrongly archive a project, each pinned where a small
 * change to the code (a flipped comparison, a dropped condition, a shorter deadline) would go
 * unnoticed by the broader lifecycle tests. Found by mutation testing (docs/mutation-testing.md).
 */

const handler = bundledHandler();

const PROPS: Properties = { ProjectName: 'decisions', Tags: { Application: 'Decisions' }, DataRetention: 'none', RemovalPolicy: 'destroy' };

let emulator: ProjectsApiEmulator;
let logs: CapturedLogs;

const start = freshEmulatorForEachTest((e, l) => {
  emulator = e;
  logs = l;
});

function tagsOf(count: number, prefix: string, value = 'v'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${String(index).padStart(3, '0')}`, value]));
}

function modifyKinds(): string[] {
  return emulator.requests.filter((request) => request.operation === 'UpdateProject').map((request) => Object.keys(request.body as object)[0]);
}

describe('the tag diff against the 200-tag limit', () => {
  // The live project has the mark plus `kept` + `replaced` tags; the update keeps `kept`, drops
  // `replaced` and adds `added` new keys. Adding first is safe while live + new keys <= 200.
  async function update(kept: number, replaced: number, added: number): Promise<string[]> {
    const live = { ...tagsOf(kept, 'Keep'), ...tagsOf(replaced, 'Old') };
    const project = emulator.store.seed({ name: 'decisions', tags: { ...live, [MARK_KEY]: MARK }, data_retention: { mode: 'none' } });
    const desired = { ...PROPS, Tags: { ...tagsOf(kept, 'Keep'), ...tagsOf(added, 'New') } };
    await succeed(handler, updateEvent(project.id, desired, PROPS));
    expect(emulator.store.get(project.id).tags).toEqual({ ...desired.Tags, [MARK_KEY]: MARK });
    return modifyKinds();
  }

  test('adds first when the live tags and the new keys make exactly 200', async () => {
    // 150 live (the mark, 148 kept, 1 replaced) + 50 new keys = 200 at the peak.
    expect(await update(148, 1, 50)).toEqual(['add_tags', 'remove_tag_keys']);
  });

  test('removes first when the live tags and the new keys would make 201', async () => {
    // 151 live (the mark, 148 kept, 2 replaced) + 50 new keys: adding first would fail at 201.
    expect(await update(148, 2, 50)).toEqual(['remove_tag_keys', 'add_tags']);
  });

  test('a changed value is not a new key: it does not count towards the limit', async () => {
    // 199 live tags and the mark: changing one value and dropping another adds no key, so the
    // addition goes first; counting the changed key as new would make it 201 and reverse the order.
    const live = tagsOf(199, 'Key');
    const project = emulator.store.seed({ name: 'decisions', tags: { ...live, [MARK_KEY]: MARK }, data_retention: { mode: 'none' } });
    const desired = { ...tagsOf(198, 'Key'), Key000: 'changed' };
    await succeed(handler, updateEvent(project.id, { ...PROPS, Tags: desired }, PROPS));
    expect(emulator.store.get(project.id).tags).toEqual({ ...desired, [MARK_KEY]: MARK });
    expect(modifyKinds()).toEqual(['add_tags', 'remove_tag_keys']);
    expect(emulator.requests.find((request) => request.operation === 'UpdateProject')?.body).toEqual({ add_tags: { Key000: 'changed' } });
  });
});

describe('adoption', () => {
  test('adopts the oldest of several projects carrying the mark, whatever order the list returns them in', async () => {
    const now = Math.floor(Date.now() / 1000);
    const newer = emulator.store.seed({ name: 'decisions', tags: { Application: 'Decisions', [MARK_KEY]: MARK }, data_retention: { mode: 'none' }, created_at: now - 10 });
    const older = emulator.store.seed({ name: 'decisions', tags: { Application: 'Decisions', [MARK_KEY]: MARK }, data_retention: { mode: 'none' }, created_at: now - 3600 });
    const newest = emulator.store.seed({ name: 'decisions', tags: { Application: 'Decisions', [MARK_KEY]: MARK }, data_retention: { mode: 'none' }, created_at: now });
    const response = await succeed(handler, createEvent(PROPS));
    expect(response.Data?.ProjectId).toBe(older.id);
    expect([newer.id, newest.id]).not.toContain(response.Data?.ProjectId);
    expect(emulator.counts.CreateProject ?? 0).toBe(0);
  });

  test('a project without a creation time counts as the oldest', async () => {
    const dated = emulator.store.seed({ name: 'decisions', tags: { [MARK_KEY]: MARK }, created_at: Math.floor(Date.now() / 1000) - 3600 });
    const undated = emulator.store.seed({ name: 'decisions', tags: { [MARK_KEY]: MARK }, created_at: undefined as unknown as number });
    const response = await succeed(handler, createEvent(PROPS));
    expect(response.Data?.ProjectId).toBe(undated.id);
    expect(response.Data?.ProjectId).not.toBe(dated.id);
  });
});

describe('a create that may have happened', () => {
  // The first attempt's create fails as given; the next attempt's list is refused (403, final), so
  // the retries end without having seen the project: only the last look for a lost create can.
  function createFailsThenListIsRefused(fault: { kind: 'drop' } | { kind: 'error'; status: number; body?: string }): void {
    emulator.faults.inject({ operation: 'CreateProject', afterProcessing: true, count: 1, ...fault });
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 403, skip: 1, count: 1 });
  }

  test('a dropped connection is looked for afterwards, and the project it made is kept', async () => {
    createFailsThenListIsRefused({ kind: 'drop' });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
    expect(logs.messages('info')).toContain('Found the project of a create whose answer was lost; keeping it');
  });

  test('a 2xx answer with an unreadable body is looked for afterwards, so no active project is left untracked', async () => {
    // Such an answer is final (retrying would not make it readable), so no second attempt looks.
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 200, body: '<html>gateway</html>', afterProcessing: true, count: 1 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 2 });
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
  });

  test('a server error (500) is looked for afterwards', async () => {
    createFailsThenListIsRefused({ kind: 'error', status: 500 });
    const response = await succeed(handler, createEvent(PROPS));
    expect(emulator.store.activeProjects().map((project) => project.id)).toEqual([response.PhysicalResourceId]);
  });

  test('a rejected create (4xx) made nothing: no last look, the Create fails with the service\'s answer', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 400, count: 1 });
    const error = await fail(handler, createEvent(PROPS));
    expect(error.message).toMatch(/CreateProject failed: HTTP 400/);
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 1 });
  });

  test('a create the deadline stopped before it was sent made nothing: no last look for its project', async () => {
    // The look for an earlier attempt's project answers just as the deadline passes (the clock
    // jumps 52 s once the list has reached the service: past the work deadline, 10 s before the
    // end, but not past the cleanup deadline, 3 s before it). The create is then refused by the
    // client itself, never sent: looking for its project would only spend a list call.
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ((emulator.counts.ListProjects ?? 0) > 0 ? 52_000 : 0));
    try {
      const error = await fail(handler, createEvent(PROPS), 60_000);
      expect(error.message).toMatch(/CreateProject failed: no answer deadline_exceeded: the deadline passed before the request could be sent/);
    } finally {
      clock.mockRestore();
    }
    expect(emulator.counts).toMatchObject({ ListProjects: 1, CreateProject: 0 });
    expect(logs.messages('error')).not.toContain(
      'Could not look for the project of a create whose answer was lost; look for the ownership tag and archive it by hand',
    );
  });

  test('a 3xx answer is not a 2xx: the create is taken as not made', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 300, count: 1 });
    const error = await fail(handler, createEvent(PROPS));
    expect(error.message).toMatch(/CreateProject failed: HTTP 300/);
    expect(emulator.counts).toMatchObject({ CreateProject: 1, ListProjects: 1 });
  });
});

describe('the failure message', () => {
  test('a list that keeps failing over two attempts of the create loop is reported with every request it made', async () => {
    // 800 ms of work. The jitter is chosen so that the first list call gives up after 3 requests
    // with time left for the create loop to try once more, about 550 ms in, and that second list
    // call has time for one request only: 4 requests in all, the last call having made 1.
    emulator.faults.inject({ operation: 'ListProjects', kind: 'drop' });
    const started = Date.now();
    let draws = 0;
    const jitter = jest.spyOn(Math, 'random').mockImplementation(() => {
      draws++;
      // The 4th draw is the create loop's wait: it ends at 550 ms, whenever the 3rd request failed.
      return draws === 4 ? Math.min(Math.max((550 - (Date.now() - started)) / 200, 0), 0.99) : [0.25, 0.99, 0.99][draws - 1] ?? 0.99;
    });
    let outcome;
    try {
      outcome = await invoke(handler, createEvent(PROPS), 10_800);
    } finally {
      jitter.mockRestore();
    }
    expect(emulator.counts.ListProjects).toBe(4);
    expect(outcome.error?.message).toMatch(/^Could not create Bedrock project 'decisions': ListProjects failed: no answer network_error: .*; still failing after 4 attempts$/);
  });
});

describe('cleanup after a failed Create', () => {
  test('has time of its own beyond the deadline: a throttled archive is retried after the deadline passed', async () => {
    // The modify the Create needs keeps failing until the deadline (2 s away); the archive is then
    // throttled once with Retry-After: 3 s, longer than the whole time before the deadline, which
    // only the time kept back for cleanup (7 s more) can wait out.
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 503 });
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'throttle', retryAfterSeconds: 3, count: 1 });
    const outcome = await invoke(handler, createEvent(PROPS), 12_000);
    expect(outcome.error?.message).toMatch(/^Could not create Bedrock project 'decisions': UpdateProject proj_[a-z0-9]+ failed: /);
    expect(emulator.counts.ArchiveProject).toBe(2);
    const [project] = emulator.store.all().filter((candidate) => candidate.id !== 'default');
    expect(project.status).toBe('archived');
    expect(logs.messages('warn')).toContain('Archived the project of a failed Create');
    // ... and still ends within the time Lambda gave it.
    expect(outcome.elapsedMs).toBeLessThan(outcome.remainingMs);
  }, 30_000);

  test('ends before the time Lambda gave it runs out: an archive throttled for longer is left to a person', async () => {
    // Retry-After: 9 s cannot be waited out before the cleanup deadline (3 s before the end).
    await start({ createIgnoresDataRetention: true });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 503 });
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'throttle', retryAfterSeconds: 9, count: 1 });
    const outcome = await invoke(handler, createEvent(PROPS), 12_000);
    expect(outcome.error).toBeDefined();
    expect(emulator.counts.ArchiveProject).toBe(1);
    expect(logs.messages('error')).toContain('Could not archive the project of a failed Create; archive it by hand');
    expect(outcome.elapsedMs).toBeLessThan(outcome.remainingMs - 3_000);
  }, 30_000);
});

describe('Delete', () => {
  const seedOwned = () => emulator.store.seed({ name: 'decisions', tags: { Application: 'Decisions', [MARK_KEY]: MARK } });

  test('a refused read (403) fails the Delete instead of taking the project for gone', async () => {
    const project = seedOwned();
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 403, count: 1 });
    const error = await fail(handler, deleteEvent(project.id, PROPS));
    expect(error.message).toMatch(/GetProject .*HTTP 403/);
    expect(emulator.store.get(project.id).status).toBe('active');
  });

  test('a refused archive (403) fails the Delete; a project archived meanwhile (404) does not', async () => {
    const project = seedOwned();
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 403, count: 1 });
    const error = await fail(handler, deleteEvent(project.id, PROPS));
    expect(error.message).toMatch(/ArchiveProject .*HTTP 403/);
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 404, count: 1 });
    await succeed(handler, deleteEvent(project.id, PROPS));
  });
});

describe('a create whose answer was lost, made by this Create', () => {
  test('is this Create\'s own even without the creation token (no room for it): adopted, not taken back', async () => {
    // 199 user tags and the mark leave no room for the creation token; the create's answer is lost.
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', afterProcessing: true, count: 1 });
    const response = await succeed(handler, createEvent({ ...PROPS, Tags: tagsOf(199, 'Tag'), RemovalPolicy: 'retain-except-on-create' }));
    const [project] = emulator.store.activeProjects().filter((candidate) => candidate.id !== 'default');
    expect(project.tags).toEqual({ ...tagsOf(199, 'Tag'), [MARK_KEY]: MARK });
    // A taken-back project's id would carry ':adopted', and a rollback would then leave it active.
    expect(response.PhysicalResourceId).toBe(project.id);
    expect(logs.messages('info')).toContain('Adopting the project an earlier attempt created');
  });

  test('that made nothing is looked for at least once a second before the create is sent again', async () => {
    // The connection drops before the service acts: the list is read for 5 s, then the create is sent again.
    emulator.faults.inject({ operation: 'CreateProject', kind: 'drop', count: 1 });
    await succeed(handler, createEvent(PROPS));
    const lists = emulator.requests.filter((request) => request.operation === 'ListProjects').map((request) => request.receivedAt);
    const gaps = lists.slice(1).map((at, index) => at - lists[index]);
    expect(emulator.counts.CreateProject).toBe(2);
    expect(lists.length).toBeGreaterThanOrEqual(6);
    // The wait doubles from 250 ms up to a second; a read takes a little on top.
    expect(Math.max(...gaps)).toBeLessThan(1_500);
  }, 15_000);
});

describe('the project\'s ARN', () => {
  test('a project the service answers without an ARN gets the documented ARN, built from the stack\'s partition, region and account', async () => {
    await start({ answerShape: { omitArn: true } });
    const response = await succeed(handler, createEvent(PROPS));
    expect(response.Data?.ProjectArn).toBe(`arn:aws:bedrock-mantle:us-east-1:123456789012:project/${response.PhysicalResourceId}`);
  });
});
