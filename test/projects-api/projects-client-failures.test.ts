import { clientOf, failureOf, startProjectsApi } from './emulated-projects-client';
import { ProjectsRetryEvent } from '../../src/projects-api/projects-client';
import { ProjectsApiEmulator } from '../emulators/projects-api';

let emulator: ProjectsApiEmulator;

beforeEach(async () => {
  emulator = await startProjectsApi();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await emulator.stop();
});

/** Credentials that cannot be had: the provider rejects with `reason`. */
function failingCredentials(reason: unknown): () => Promise<never> {
  return () => Promise.reject(reason);
}

describe('which calls are retried', () => {
  test('an update that meets a server error is retried', async () => {
    const { id } = emulator.store.seed({ name: 'retried' });
    emulator.faults.inject({ operation: 'UpdateProject', kind: 'error', status: 500, count: 1 });
    await expect(clientOf(emulator).update(id, { name: 'renamed' })).resolves.toMatchObject({ name: 'renamed' });
    expect(emulator.counts.UpdateProject).toBe(2);
  });

  test('an archive that meets a server error is retried', async () => {
    const { id } = emulator.store.seed({ name: 'retried' });
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 503, count: 1 });
    await clientOf(emulator).archive(id);
    expect(emulator.counts.ArchiveProject).toBe(2);
    expect(emulator.store.activeProjects()).toEqual([]);
  });

  test('onRetry is told the operation, the failed attempt and its error', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    const events: ProjectsRetryEvent[] = [];
    await clientOf(emulator, { onRetry: (event) => events.push(event) }).get('default');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: 'GetProject', attempt: 1, error: expect.objectContaining({ status: 500 }) });
  });

  test('a final error after a retryable one is the error reported', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 403, count: 1 });
    const error = await failureOf(clientOf(emulator).get('default'));
    expect(error).toMatchObject({ status: 403, attempts: 2 });
    expect(emulator.counts.GetProject).toBe(2);
  });

  test('a timeout after a server error, with no deadline near, is the error reported', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 2_000, count: 1 });
    const error = await failureOf(clientOf(emulator, { requestTimeoutMs: 100, maxAttempts: 2 }).get('default'));
    expect(error).toMatchObject({ type: 'timeout_error', attempts: 2 });
  });

  test('a failed call reports the time it took, not more', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500 });
    const started = Date.now();
    const error = await failureOf(clientOf(emulator, { maxAttempts: 2 }).get('default'));
    expect(error.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(error.elapsedMs).toBeLessThanOrEqual(Date.now() - started);
  });
});

describe('answers', () => {
  test('a 2xx answer with a blank body is an answer without content', async () => {
    const { id } = emulator.store.seed({ name: 'archived-by-a-blank-answer' });
    emulator.faults.inject({ operation: 'ArchiveProject', kind: 'error', status: 200, body: ' \n', count: 1 });
    await expect(clientOf(emulator).archive(id)).resolves.toBeUndefined();
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 200, body: '', count: 1 });
    const error = await failureOf(clientOf(emulator).get(id));
    expect(error).toMatchObject({ type: 'invalid_response', serviceMessage: 'the answer is not a project', status: 200 });
  });

  test('a project whose tags cannot be read is an invalid answer, not an empty tag set', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 200, body: '{"id": "proj_a", "tags": 42}', count: 1 });
    const error = await failureOf(clientOf(emulator).get('proj_a'));
    expect(error).toMatchObject({ type: 'invalid_response', projectId: 'proj_a', status: 200, retryable: false });
    expect(error.serviceMessage).toMatch(/^tags must be a map of key to value/);
    expect(emulator.counts.GetProject).toBe(1);
  });
});

describe('failures without an answer', () => {
  test('a dropped connection is a network error named by its cause', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'drop' });
    const error = await failureOf(clientOf(emulator, { maxAttempts: 1 }).get('default'));
    expect(error).toMatchObject({ type: 'network_error', retryable: true });
    expect(error.serviceMessage).toMatch(/^UND_ERR_SOCKET: other side closed$/);
  });

  test('a single attempt that times out says how long it waited', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 2_000 });
    const error = await failureOf(clientOf(emulator, { maxAttempts: 1, requestTimeoutMs: 50 }).get('default'));
    expect(error).toMatchObject({ type: 'timeout_error', serviceMessage: 'no answer within 50 ms', attempts: 1 });
  });

  test('an attempt that has the whole time left and times out at the deadline reports the timeout', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 2_000 });
    const error = await failureOf(clientOf(emulator, { deadline: Date.now() + 150 }).get('default'));
    expect(error).toMatchObject({ type: 'timeout_error', attempts: 1 });
  });

  test('credentials that cannot be had are a client error, not retried and not sent', async () => {
    const error = await failureOf(clientOf(emulator, { credentials: failingCredentials(new Error('no credentials')) }).get('default'));
    expect(error).toMatchObject({ type: 'client_error', serviceMessage: 'Error: no credentials', retryable: false, attempts: 1 });
    expect(emulator.requests).toHaveLength(0);
  });

  test.each([
    ['an error-like object', { name: 'CredentialsProviderError', message: 'Could not load credentials' }, 'CredentialsProviderError: Could not load credentials'],
    ['a string', 'no credentials', 'no credentials'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object whose name is not a string', { name: 404, toString: (): string => 'credentials endpoint answered 404' }, 'credentials endpoint answered 404'],
  ])('a credentials failure thrown as %s is quoted in the client error', async (_, reason, serviceMessage) => {
    const error = await failureOf(clientOf(emulator, { credentials: failingCredentials(reason) }).get('default'));
    expect(error).toMatchObject({ type: 'client_error', serviceMessage, attempts: 1 });
  });

  test.each([
    ['without a cause', new TypeError('fetch failed')],
    ['with a null cause', new TypeError('fetch failed', { cause: null })],
  ])('a TypeError %s is a network error described by its own message', async (_, reason) => {
    const error = await failureOf(clientOf(emulator, { credentials: failingCredentials(reason), maxAttempts: 1 }).get('default'));
    expect(error).toMatchObject({ type: 'network_error', serviceMessage: 'fetch failed' });
  });
});

describe('the deadline, on a clock the test moves', () => {
  /** Makes `Date.now()` read what `now` returns; timers still run in real time. */
  function clock(now: () => number): void {
    jest.spyOn(Date, 'now').mockImplementation(now);
  }

  test('a deadline reached during the retry wait reports the failure before it, as one attempt', async () => {
    const start = Date.now();
    const deadline = start + 1_000;
    let now = start;
    clock(() => now);
    emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    const error = await failureOf(clientOf(emulator, { deadline, onRetry: () => { now = deadline; } }).get('default'));
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect(emulator.counts.GetProject).toBe(1);
  });

  test('a deadline reached exactly sends nothing', async () => {
    const now = Date.now();
    clock(() => now);
    const error = await failureOf(clientOf(emulator, { deadline: now }).get('default'));
    expect(error).toMatchObject({ type: 'deadline_exceeded', serviceMessage: 'the deadline passed before the request could be sent' });
    expect(emulator.requests).toHaveLength(0);
  });

  test('with exactly twice the shortest attempt left, an attempt gets half of it', async () => {
    const now = Date.now();
    clock(() => now);
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 2_000 });
    const error = await failureOf(clientOf(emulator, { deadline: now + 200, maxAttempts: 1 }).get('default'));
    expect(error).toMatchObject({ type: 'timeout_error', serviceMessage: 'no answer within 100 ms' });
  });

  test('an attempt gets half the time left when that is longer than the shortest attempt', async () => {
    emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 150, count: 1 });
    await expect(clientOf(emulator, { deadline: Date.now() + 2_000 }).get('default')).resolves.toMatchObject({ id: 'default' });
    expect(emulator.counts.GetProject).toBe(1);
  });

  describe('a retry whose answer comes when the clock reads the deadline', () => {
    let deadline: number;
    beforeEach(() => {
      const start = Date.now();
      deadline = start + 1_000;
      clock(() => (emulator.requests.length >= 2 ? deadline : start));
      emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 500, count: 1 });
    });

    test('an error answer is reported as it is', async () => {
      emulator.faults.inject({ operation: 'GetProject', kind: 'error', status: 503, count: 1 });
      const error = await failureOf(clientOf(emulator, { deadline }).get('default'));
      expect(error).toMatchObject({ status: 503, attempts: 2 });
    });

    test('a timeout gives way to the failure before it', async () => {
      emulator.faults.inject({ operation: 'GetProject', kind: 'delay', delayMs: 2_000, count: 1 });
      const error = await failureOf(clientOf(emulator, { deadline, requestTimeoutMs: 100 }).get('default'));
      expect(error).toMatchObject({ status: 500, attempts: 2 });
    });
  });
});
