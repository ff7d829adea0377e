import { createSigV4Fetch } from '../../src/projects-api/sigv4-fetch';
import { ProjectsApiEmulator, TEST_CREDENTIALS } from '../emulators/projects-api';

/**
 * The emulator is only worth the tests it supports if it holds the service's rules (aws-facts §1),
 * so its rules are checked here through raw signed requests, without the client's own checks.
 */

let emulator: ProjectsApiEmulator;

beforeEach(async () => {
  emulator = await ProjectsApiEmulator.start({ credentials: [TEST_CREDENTIALS] });
});

afterEach(async () => {
  await emulator.stop();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const signed = createSigV4Fetch({ region: 'us-east-1', service: 'bedrock-mantle', credentials: async () => TEST_CREDENTIALS });
  const response = await signed(new URL(`${emulator.url}${path}`), { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

const PROJECTS = '/v1/organization/projects';

test('the default project exists from the start and cannot be changed', async () => {
  const { json } = await call('GET', PROJECTS);
  expect(json).toMatchObject({ object: 'list', first_id: 'default', last_id: 'default', has_more: false });
  expect(json.data[0]).toMatchObject({ id: 'default', arn: 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/default' });
  expect((await call('POST', `${PROJECTS}/default`, { add_tags: { A: 'b' } })).status).toBe(400);
  expect((await call('POST', `${PROJECTS}/default/archive`)).status).toBe(400);
});

test('a project has the documented shape', async () => {
  const before = Math.floor(Date.now() / 1000);
  const { status, json } = await call('POST', PROJECTS, { name: 'shape', tags: { Application: 'A' } });
  expect(status).toBe(200);
  expect(json).toEqual({
    id: expect.stringMatching(/^proj_[a-z0-9]{20}$/),
    arn: `arn:aws:bedrock-mantle:us-east-1:123456789012:project/${json.id}`,
    name: 'shape',
    object: 'organization.project',
    status: 'active',
    created_at: expect.any(Number),
    tags: { Application: 'A' },
    data_retention: { mode: 'inherit' },
  });
  expect(json.created_at).toBeGreaterThanOrEqual(before);
  expect(json.created_at).toBeLessThan(before + 5);
});

test.each([
  ['several fields', { name: 'x', add_tags: { A: 'b' } }],
  ['no field', {}],
  ['an unknown field', { description: 'x' }],
])('a modify with %s is refused with validation_error', async (_, body) => {
  const { json: created } = await call('POST', PROJECTS, { name: 'one-field' });
  const { status, json } = await call('POST', `${PROJECTS}/${created.id}`, body);
  expect(status).toBe(400);
  expect(json.error.type).toBe('validation_error');
  expect(emulator.store.get(created.id).name).toBe('one-field');
});

test('add_tags merges and overwrites, remove_tag_keys removes, archive is terminal and repeatable', async () => {
  const { json: created } = await call('POST', PROJECTS, { name: 'tags', tags: { A: '1', B: '2' } });
  const path = `${PROJECTS}/${created.id}`;
  expect((await call('POST', path, { add_tags: { B: '3', C: '4' } })).json.tags).toEqual({ A: '1', B: '3', C: '4' });
  expect((await call('POST', path, { remove_tag_keys: ['A', 'missing'] })).json.tags).toEqual({ B: '3', C: '4' });
  const archived = await call('POST', `${path}/archive`);
  expect(archived.json).toMatchObject({ status: 'archived', archived_at: expect.any(Number) });
  expect((await call('POST', `${path}/archive`)).json.archived_at).toBe(archived.json.archived_at);
  const modify = await call('POST', path, { name: 'again' });
  expect(modify.status).toBe(409);
  expect(modify.json.error).toEqual({ type: 'conflict_error', message: expect.stringContaining('archived') });
});

test.each([
  ['an empty name', { name: '' }],
  ['a blank name', { name: '   ' }],
  ['a 128-character name', { name: 'x'.repeat(128) }],
  ['201 tags', { name: 'n', tags: Object.fromEntries(Array.from({ length: 201 }, (_, index) => [`k${index}`, 'v'])) }],
  ['a 129-character key', { name: 'n', tags: { ['k'.repeat(129)]: 'v' } }],
  ['a 257-character value', { name: 'n', tags: { k: 'v'.repeat(257) } }],
  ['an aws: key', { name: 'n', tags: { 'aws:cost': 'v' } }],
  ['a key with a forbidden character', { name: 'n', tags: { 'a#b': 'v' } }],
  ['tags as a list', { name: 'n', tags: [{ Key: 'a', Value: 'b' }] }],
  ['an unknown retention mode', { name: 'n', data_retention: { mode: 'forever' } }],
])('a create with %s is refused', async (_, body) => {
  const { status, json } = await call('POST', PROJECTS, body);
  expect(status).toBe(400);
  expect(json.error.type).toBe('validation_error');
  expect(emulator.store.activeProjects()).toHaveLength(0);
});

test('the limits themselves are accepted: 127-character name, 200 tags, 128-character keys, 256-character values', async () => {
  const tags = Object.fromEntries(Array.from({ length: 199 }, (_, index) => [`k${index}`, 'v']));
  const { status } = await call('POST', PROJECTS, { name: 'x'.repeat(127), tags: { ...tags, ['k'.repeat(128)]: 'v'.repeat(256) } });
  expect(status).toBe(200);
});

test('unknown ids and routes answer 404 not_found_error', async () => {
  const unknown = await call('GET', `${PROJECTS}/proj_unknown`);
  expect(unknown).toEqual({ status: 404, json: { error: { type: 'not_found_error', message: expect.stringContaining('proj_unknown') } } });
  expect((await call('GET', '/openai/v1/organization/projects')).status).toBe(404);
});

test('a request scoped to another service is refused with 401', async () => {
  const signed = createSigV4Fetch({ region: 'us-east-1', service: 'bedrock', credentials: async () => TEST_CREDENTIALS });
  const response = await signed(new URL(`${emulator.url}${PROJECTS}`), { method: 'GET' });
  expect(response.status).toBe(401);
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain("service 'bedrock-mantle', not 'bedrock'");
});

test('a body changed after signing is refused', async () => {
  const signed = createSigV4Fetch({ region: 'us-east-1', service: 'bedrock-mantle', credentials: async () => TEST_CREDENTIALS });
  const realFetch = global.fetch;
  global.fetch = ((url: URL, init: RequestInit) => realFetch(url, { ...init, body: JSON.stringify({ name: 'tampered' }) })) as typeof fetch;
  try {
    const response = await signed(new URL(`${emulator.url}${PROJECTS}`), { method: 'POST', body: JSON.stringify({ name: 'signed' }) });
    expect(response.status).toBe(401);
  } finally {
    global.fetch = realFetch;
  }
  expect(emulator.store.activeProjects()).toHaveLength(0);
});

test('faults apply per operation and for the next N requests only, and are counted', async () => {
  emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 503, count: 2 });
  expect((await call('GET', PROJECTS)).status).toBe(200);
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(503);
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(503);
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(200);
  expect(emulator.counts).toMatchObject({ ListProjects: 1, GetProject: 3 });
  expect(emulator.faults.applied.error).toBe(2);
});

test('a fault can let the first matching requests pass', async () => {
  emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, skip: 1, count: 1 });
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(200);
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(500);
  expect((await call('GET', `${PROJECTS}/default`)).status).toBe(200);
  expect(emulator.faults.applied.error).toBe(1);
});

test('the rate limit refuses requests beyond the bucket with 429 and Retry-After', async () => {
  emulator.faults.setRateLimit({ requestsPerSecond: 1, burst: 2 });
  const signed = createSigV4Fetch({ region: 'us-east-1', service: 'bedrock-mantle', credentials: async () => TEST_CREDENTIALS });
  const responses = await Promise.all(Array.from({ length: 4 }, () => signed(new URL(`${emulator.url}${PROJECTS}`), { method: 'GET' })));
  expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429, 429]);
  expect(responses.find((response) => response.status === 429)?.headers.get('retry-after')).toBe('1');
});
