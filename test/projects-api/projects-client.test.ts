import { clientOf, failureOf, startProjectsApi } from './emulated-projects-client';
import { ProjectsClient, ProjectsClientOptions } from '../../src/projects-api/projects-client';
import type { ProjectChange } from '../../src/projects-api/projects-model';
import { createSigV4Fetch } from '../../src/projects-api/sigv4-fetch';
import { ProjectsApiEmulator, ProjectsApiEmulatorOptions, TEST_CREDENTIALS } from '../emulators/projects-api';

let emulator: ProjectsApiEmulator;

async function startEmulator(options: ProjectsApiEmulatorOptions = {}): Promise<void> {
  emulator = await startProjectsApi(options);
}

function client(options: ProjectsClientOptions = {}): ProjectsClient {
  return clientOf(emulator, options);
}

afterEach(async () => {
  await emulator?.stop();
});

describe('operations', () => {
  beforeEach(() => startEmulator());

  test('create, get, update, list and archive round-trip through the service', async () => {
    const projects = client();
    const created = await projects.create({ name: 'chatbot', tags: { Application: 'Chatbot' }, dataRetention: 'none' });
    expect(created.id).toMatch(/^proj_[a-z0-9]{20}$/);
    expect(created.arn).toBe(`arn:aws:bedrock-mantle:us-east-1:123456789012:project/${created.id}`);
    expect(created).toMatchObject({ name: 'chatbot', status: 'active', tags: { Application: 'Chatbot' }, data_retention: { mode: 'none' } });

    await projects.update(created.id, { name: 'chatbot-2' });
    await projects.update(created.id, { add_tags: { CostCenter: 'CC-1', Application: 'Bot' } });
    await projects.update(created.id, { remove_tag_keys: ['CostCenter'] });
    const updated = await projects.update(created.id, { data_retention: { mode: 'default' } });
    expect(updated).toMatchObject({ name: 'chatbot-2', tags: { Application: 'Bot' }, data_retention: { mode: 'default' } });
    expect(await projects.get(created.id)).toEqual(updated);

    expect((await projects.list()).map((project) => project.id)).toEqual(['default', created.id]);

    await projects.archive(created.id);
    await projects.archive(created.id);
    const archived = await projects.get(created.id);
    expect(archived.status).toBe('archived');
    expect(archived.archived_at).toEqual(expect.any(Number));
    expect(emulator.counts).toMatchObject({ CreateProject: 1, UpdateProject: 4, GetProject: 2, ListProjects: 1, ArchiveProject: 2 });
  });

  test('sends exactly one change per modify request', async () => {
    const projects = client();
    const { id } = await projects.create({ name: 'one-change' });
    const twoChanges = { name: 'x', add_tags: { A: 'b' } } as unknown as ProjectChange;
    await expect(projects.update(id, twoChanges)).rejects.toThrow(/exactly one of name, add_tags, remove_tag_keys, data_retention; got name, add_tags/);
    await expect(projects.update(id, {} as ProjectChange)).rejects.toThrow(/got none/);
    expect(emulator.counts.UpdateProject).toBe(0);
  });

  test('surfaces the service error: operation, status, type, message and project id, on one line', async () => {
    const projects = client();
    const missing = await failureOf(projects.get('proj_doesnotexist'));
    expect(missing).toMatchObject({ operation: 'GetProject', status: 404, type: 'not_found_error', projectId: 'proj_doesnotexist', notFound: true, retryable: false });
    expect(missing.serviceMessage).toContain('proj_doesnotexist');
    expect(missing.message).toBe(`GetProject proj_doesnotexist failed: HTTP 404 not_found_error: ${missing.serviceMessage}`);

    const invalid = await failureOf(projects.create({ name: 'x'.repeat(128) }));
    expect(invalid).toMatchObject({ operation: 'CreateProject', status: 400, type: 'validation_error' });
    expect(invalid.message).toMatch(/^CreateProject failed: HTTP 400 validation_error: name: length must be between 1 and 127/);
  });

  test('a modify of an archived project and of the default project fail without retries', async () => {
    const projects = client();
    const { id } = await projects.create({ name: 'to-archive' });
    await projects.archive(id);
    const conflict = await failureOf(projects.update(id, { name: 'again' }));
    expect(conflict.status).toBe(409);
    const defaultProject = await failureOf(projects.update('default', { add_tags: { A: 'b' } }));
    expect(defaultProject.status).toBe(400);
    await expect(projects.archive('default')).rejects.toThrow(/default project cannot be archived/);
    expect(emulator.counts.UpdateProject).toBe(2);
  });

  test.each([
    ['GetProject', 'a body that is not JSON', 'not json', /HTTP 200 with a body that is not JSON/],
    ['GetProject', 'an object that is not a project', '{"unexpected": true}', /the answer is not a project/],
    ['ListProjects', 'a list whose data is not projects', '{"object": "list", "data": [{"name": "no id"}]}', /the answer is not a list of projects/],
    ['ListProjects', 'an answer without data', '{"object": "list"}', /the answer is not a list of projects/],
  ] as const)('a 2xx %s with %s is an invalid_response, not retried', async (operation, _, body, message) => {
    emulator.faults.inject({ operation, kind: 'error', status: 200, body });
    const projects = client();
    const error = await failureOf(operation === 'GetProject' ? projects.get('default') : projects.list());
    expect(error).toMatchObject({ type: 'invalid_response', retryable: false });
    expect(error.message).toMatch(message);
    expect(emulator.counts[operation]).toBe(1);
  });

  test('keeps the text of a body that is not JSON, on one bounded line', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 502, body: `<html>\n<body>Bad Gateway ${'x'.repeat(2_000)}</body>\n</html>` });
    const error = await failureOf(client({ maxAttempts: 2 }).get('proj_abc'));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^GetProject proj_abc failed: HTTP 502 <html> <body>Bad Gateway x+…$/);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(600);
    expect(emulator.counts.GetProject).toBe(2);
  });
});

describe('signing', () => {
  beforeEach(() => startEmulator());

  test('a request signed for another region is refused with 401 and not retried', async () => {
    const error = await failureOf(client({ region: 'eu-west-1' }).get('default'));
    expect(error).toMatchObject({ status: 401, type: 'authentication_error', retryable: false });
    expect(error.serviceMessage).toContain("region 'us-east-1', not 'eu-west-1'");
    expect(emulator.counts.GetProject).toBe(1);
  });

  test('a request signed with the wrong secret is refused', async () => {
    const error = await failureOf(client({ credentials: async () => ({ ...TEST_CREDENTIALS, secretAccessKey: 'wrong' }) }).list());
    expect(error.status).toBe(401);
    expect(error.serviceMessage).toContain('signature we calculated does not match');
  });

  test('an unsigned request is refused', async () => {
    const response = await fetch(`${emulator.url}/v1/organization/projects`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { type: 'authentication_error', message: 'Missing Authorization header' } });
  });

  test('the signature covers the query string and the session token', async () => {
    const projects = client({ credentials: async () => ({ ...TEST_CREDENTIALS, sessionToken: 'session-token' }), pageSize: 1 });
    await projects.create({ name: 'a' });
    await expect(projects.list()).resolves.toHaveLength(2);
    expect(emulator.requests.filter((request) => request.operation === 'ListProjects').map((request) => request.target)).toEqual([
      '/v1/organization/projects?limit=1',
      '/v1/organization/projects?limit=1&after=default',
    ]);
  });
});

describe('endpoint', () => {
  beforeEach(() => startEmulator());
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test.each([
    ['the origin', (url: string) => url],
    ['the origin with /v1/', (url: string) => `${url}/v1/`],
    ['the OpenAI router URL', (url: string) => `${url}/openai/v1`],
  ])('AWS_ENDPOINT_URL_BEDROCK_MANTLE may be %s', async (_, endpoint) => {
    process.env.AWS_ENDPOINT_URL_BEDROCK_MANTLE = endpoint(emulator.url);
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    const projects = new ProjectsClient({ region: 'us-east-1', credentials: async () => TEST_CREDENTIALS });
    expect(projects.baseUrl).toBe(`${emulator.url}/v1`);
    await expect(projects.list()).resolves.toHaveLength(1);
  });

  test('falls back to AWS_ENDPOINT_URL, takes the region and credentials from the environment', async () => {
    delete process.env.AWS_ENDPOINT_URL_BEDROCK_MANTLE;
    process.env.AWS_ENDPOINT_URL = emulator.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    const projects = new ProjectsClient();
    expect(projects.region).toBe('us-east-1');
    await expect(projects.list()).resolves.toHaveLength(1);
  });

  test('uses the public regional endpoint when nothing is configured', () => {
    delete process.env.AWS_ENDPOINT_URL_BEDROCK_MANTLE;
    delete process.env.AWS_ENDPOINT_URL;
    expect(new ProjectsClient({ region: 'eu-central-1' }).baseUrl).toBe('https://bedrock-mantle.eu-central-1.api.aws/v1');
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
    expect(new ProjectsClient({ region: 'eu-central-1' }).baseUrl).toBe('https://bedrock-mantle.eu-central-1.api.aws/v1');
  });

  test('an explicit region overrides AWS_REGION; no region at all is an error', () => {
    process.env.AWS_REGION = 'us-west-2';
    expect(new ProjectsClient({ region: 'eu-west-1' }).region).toBe('eu-west-1');
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    expect(() => new ProjectsClient()).toThrow(/No region for the Projects API/);
  });
});

describe('list paging', () => {
  async function seedProjects(count: number): Promise<string[]> {
    return Array.from({ length: count }, (_, index) => emulator.store.seed({ name: `p${index}` }).id);
  }

  test('follows has_more and last_id through small pages', async () => {
    await startEmulator({ list: { maxPageSize: 2 } });
    const ids = await seedProjects(7);
    expect((await client().list()).map((project) => project.id)).toEqual(['default', ...ids]);
    expect(emulator.counts.ListProjects).toBe(4);
  });

  test('a server that ignores limit and after, and always says has_more, is read once more and then left', async () => {
    await startEmulator({ list: { ignorePaging: true, alwaysHasMore: true } });
    const ids = await seedProjects(5);
    expect((await client({ pageSize: 2 }).list()).map((project) => project.id)).toEqual(['default', ...ids]);
    expect(emulator.counts.ListProjects).toBe(2);
  });

  test('a server that ignores after returns its first page instead of looping', async () => {
    await startEmulator({ list: { ignoreCursor: true } });
    const ids = await seedProjects(5);
    expect((await client({ pageSize: 3 }).list()).map((project) => project.id)).toEqual(['default', ...ids.slice(0, 2)]);
    expect(emulator.counts.ListProjects).toBe(2);
  });

  test('an empty last page that still says has_more ends the listing', async () => {
    await startEmulator({ list: { alwaysHasMore: true } });
    const ids = await seedProjects(3);
    expect((await client({ pageSize: 2 }).list()).map((project) => project.id)).toEqual(['default', ...ids]);
    expect(emulator.counts.ListProjects).toBe(3);
  });

  test('small default pages when no limit is sent', async () => {
    await startEmulator({ list: { defaultPageSize: 2 } });
    await seedProjects(3);
    const response = await fetchSignedList();
    expect(response).toMatchObject({ object: 'list', has_more: true, first_id: 'default' });
    expect(response.data).toHaveLength(2);
  });

  /** A list without paging parameters, signed by the client's own signer. */
  async function fetchSignedList(): Promise<{ object: string; data: unknown[]; has_more: boolean; first_id: string }> {
    const signed = createSigV4Fetch({ region: emulator.region, service: 'bedrock-mantle', credentials: async () => TEST_CREDENTIALS });
    const response = await signed(new URL(`${emulator.url}/v1/organization/projects`), { method: 'GET' });
    expect(response.status).toBe(200);
    return response.json() as Promise<{ object: string; data: unknown[]; has_more: boolean; first_id: string }>;
  }
});

describe('retries', () => {
  beforeEach(() => startEmulator());

  test('a 429 is retried after its Retry-After', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'throttle', retryAfterSeconds: 1, count: 1 });
    const started = Date.now();
    await expect(client().get('default')).resolves.toMatchObject({ id: 'default' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(emulator.counts.GetProject).toBe(2);
  });

  test.each([
    ['a 500', { kind: 'error', status: 500 }],
    ['a 503', { kind: 'error', status: 503 }],
    ['a dropped connection', { kind: 'drop' }],
  ] as const)('%s is retried', async (_, fault) => {
    emulator.faults.inject({ operation: 'ListProjects', count: 2, ...fault });
    await expect(client().list()).resolves.toHaveLength(1);
    expect(emulator.counts.ListProjects).toBe(3);
  });

  test('an answer slower than the request timeout is abandoned and retried', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 1_000, count: 1 });
    const started = Date.now();
    await expect(client({ requestTimeoutMs: 200 }).get('default')).resolves.toMatchObject({ id: 'default' });
    // Sooner than the slow answer itself: it was not waited for.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(emulator.counts.GetProject).toBe(2);
  });

  test('a persistent fault fails with the last error once the deadline is near, not after it', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 503 });
    const started = Date.now();
    const error = await failureOf(client({ deadline: started + 600 }).get('default'));
    expect(error).toMatchObject({ status: 503, type: 'service_unavailable_error', retryable: true });
    expect(Date.now() - started).toBeLessThanOrEqual(600 + 400);
    expect(emulator.counts.GetProject).toBeGreaterThan(2);
  });

  test('a hung connection times out within the deadline', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 5_000 });
    const started = Date.now();
    const error = await failureOf(client({ deadline: started + 400 }).get('default'));
    expect(error).toMatchObject({ type: 'timeout_error', status: undefined, retryable: true });
    // The whole wait, not the last attempt's shorter limit.
    expect(error.message).toMatch(/^GetProject default failed: no answer timeout_error: no answer in \d+ ms over \d+ attempts$/);
    expect(error.elapsedMs).toBeGreaterThan(200);
    expect(Date.now() - started).toBeLessThanOrEqual(400 + 400);
  });

  test('a last attempt that times out at the deadline reports the failure before it, not the timeout', async () => {
    // A 500, then an attempt that gets only what is left before the deadline (under 200 ms) and
    // no answer in it, as on a machine too loaded to read the answer in time.
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 3_000 });
    const error = await failureOf(client({ deadline: Date.now() + 195, baseDelayMs: 1 }).get('default'));
    expect(error).toMatchObject({ status: 500, type: 'internal_server_error', attempts: 2 });
    expect(emulator.counts.GetProject).toBe(2);
  });

  test('a deadline already passed sends nothing', async () => {
    const error = await failureOf(client({ deadline: Date.now() - 1 }).list());
    expect(error.type).toBe('deadline_exceeded');
    expect(emulator.requests).toHaveLength(0);
  });

  test('other 4xx answers are final', async () => {
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 403 });
    await expect(client().archive('proj_abc')).rejects.toMatchObject({ status: 403 });
    expect(emulator.counts.ArchiveProject).toBe(1);
  });

  test('a create is sent once, since a lost answer may hide a created project', async () => {
    emulator.faults.inject({ operation: 'CreateProject', kind: 'error', status: 500, afterProcessing: true, count: 1 });
    const error = await failureOf(client().create({ name: 'once' }));
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(emulator.counts.CreateProject).toBe(1);
    expect(emulator.store.activeProjects().map((project) => project.name)).toEqual(['once']);
  });

  test('the rate limit answers 429 with Retry-After, and the client gets through', async () => {
    emulator.faults.setRateLimit({ requestsPerSecond: 20, burst: 2, retryAfterSeconds: 0 });
    const projects = client();
    const results = await Promise.all(Array.from({ length: 8 }, () => projects.get('default')));
    expect(results.every((project) => project.id === 'default')).toBe(true);
    expect(emulator.faults.applied.rateLimited).toBeGreaterThan(0);
  });
});
