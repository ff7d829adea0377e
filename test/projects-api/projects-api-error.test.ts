import { inspect } from 'node:util';
import { isRetryableProjectsError, parseRetryAfter, ProjectsApiError } from '../../src/projects-api/projects-api-error';

function fromAnswer(status: number, body: string, headers: Record<string, string> = {}): ProjectsApiError {
  return ProjectsApiError.fromResponse('UpdateProject', { status, headers: new Headers(headers) }, body, 'proj_abc');
}

describe('ProjectsApiError', () => {
  test('reads the OpenAI-style error body', () => {
    const error = fromAnswer(400, '{"error": {"type": "validation_error", "message": "name:\\n too long"}}');
    expect(error).toMatchObject({ operation: 'UpdateProject', status: 400, type: 'validation_error', serviceMessage: 'name: too long', projectId: 'proj_abc' });
    expect(error.message).toBe('UpdateProject proj_abc failed: HTTP 400 validation_error: name: too long');
    expect(error.name).toBe('ProjectsApiError');
  });

  test.each([
    ['an AWS-style body', '{"__type": "ThrottlingException", "Message": "Rate exceeded"}', 'ThrottlingException', 'Rate exceeded'],
    ['a message-only body', '{"message": "Forbidden"}', undefined, 'Forbidden'],
    ['an error string', '{"error": "invalid_token"}', 'invalid_token', undefined],
    ['a code instead of a type', '{"error": {"code": "bad_thing", "message": "m"}}', 'bad_thing', 'm'],
    ['plain text', 'upstream connect error', undefined, 'upstream connect error'],
    ['an empty body', '', undefined, undefined],
    ['a JSON array', '[1, 2]', undefined, '[1, 2]'],
  ])('tolerates %s', (_, body, type, serviceMessage) => {
    const error = fromAnswer(503, body);
    expect(error.type).toBe(type);
    expect(error.serviceMessage).toBe(serviceMessage);
    expect(error.message).toMatch(/^UpdateProject proj_abc failed: HTTP 503/);
  });

  test.each([
    [429, true], [408, false], [500, true], [502, true], [503, true], [400, false], [401, false], [403, false], [404, false], [409, false],
  ])('HTTP %d is retryable: %s', (status, retryable) => {
    expect(fromAnswer(status, '').retryable).toBe(retryable);
    expect(isRetryableProjectsError(fromAnswer(status, ''))).toBe(retryable);
  });

  test('only the client\'s network and timeout failures are retryable without an answer', () => {
    expect(new ProjectsApiError({ operation: 'GetProject', type: 'network_error' }).retryable).toBe(true);
    expect(new ProjectsApiError({ operation: 'GetProject', type: 'timeout_error' }).retryable).toBe(true);
    expect(new ProjectsApiError({ operation: 'GetProject', type: 'deadline_exceeded' }).retryable).toBe(false);
    expect(new ProjectsApiError({ operation: 'GetProject', type: 'client_error' }).retryable).toBe(false);
    expect(isRetryableProjectsError(new Error('other'))).toBe(false);
  });

  test('takes Retry-After from the answer', () => {
    expect(fromAnswer(429, '', { 'Retry-After': '3' }).retryAfterMs).toBe(3_000);
  });

  test('serialises its fields and its cause for logs', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const error = new ProjectsApiError({ operation: 'ListProjects', type: 'network_error', serviceMessage: 'ECONNRESET: socket hang up', cause });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ProjectsApiError',
      message: 'ListProjects failed: no answer network_error: ECONNRESET: socket hang up',
      operation: 'ListProjects',
      type: 'network_error',
      serviceMessage: 'ECONNRESET: socket hang up',
      cause: 'TypeError: fetch failed (ECONNRESET: socket hang up)',
    });
  });
});

describe('ProjectsApiError, the message an operator reads', () => {
  test('a failure without an answer, type or service message says only what failed', () => {
    expect(new ProjectsApiError({ operation: 'GetProject' }).message).toBe('GetProject failed: no answer');
    expect(fromAnswer(404, '').message).toBe('UpdateProject proj_abc failed: HTTP 404');
  });

  test('a body of only white space is no service message', () => {
    const error = fromAnswer(502, ' \n\t ');
    expect(error.type).toBeUndefined();
    expect(error.serviceMessage).toBeUndefined();
    expect(error.message).toBe('UpdateProject proj_abc failed: HTTP 502');
  });

  test('white space around the service type and message is dropped', () => {
    const error = fromAnswer(429, '{"error": {"type": " rate_limit_error ", "message": "  slow\\n down \\n"}}');
    expect(error.type).toBe('rate_limit_error');
    expect(error.serviceMessage).toBe('slow down');
    expect(error.message).toBe('UpdateProject proj_abc failed: HTTP 429 rate_limit_error: slow down');
  });

  test('a service type or message of only white space is none', () => {
    const error = fromAnswer(400, '{"error": {"type": "  ", "message": " \\n "}}');
    expect(error.type).toBeUndefined();
    expect(error.serviceMessage).toBeUndefined();
    expect(error.message).toBe('UpdateProject proj_abc failed: HTTP 400');
  });

  test('a null error field is no type, and the top-level message is still read', () => {
    const error = fromAnswer(403, '{"error": null, "message": "Forbidden"}');
    expect(error.type).toBeUndefined();
    expect(error.serviceMessage).toBe('Forbidden');
    expect(error.message).toBe('UpdateProject proj_abc failed: HTTP 403 Forbidden');
  });

  test('a body text of 500 characters is quoted whole', () => {
    const body = 'x'.repeat(500);
    expect(fromAnswer(502, body).serviceMessage).toBe(body);
  });

  test('a body text longer than 500 characters is cut to its first 500 and an ellipsis', () => {
    expect(fromAnswer(502, `${'x'.repeat(500)}tail`).serviceMessage).toBe(`${'x'.repeat(500)}…`);
  });

  test('a timeout after several attempts quotes the whole wait', () => {
    const error = new ProjectsApiError({ operation: 'GetProject', projectId: 'proj_1', type: 'timeout_error', serviceMessage: 'no answer in 1000 ms' });
    const final = error.afterAttempts(3, 2_500.4);
    expect(final.message).toBe('GetProject proj_1 failed: no answer timeout_error: no answer in 2500 ms over 3 attempts');
    expect(final).toMatchObject({ attempts: 3, elapsedMs: 2_500.4, type: 'timeout_error' });
  });

  test('a timeout on the only attempt keeps that attempt\'s own message', () => {
    const error = new ProjectsApiError({ operation: 'GetProject', projectId: 'proj_1', type: 'timeout_error', serviceMessage: 'no answer in 1000 ms' });
    const final = error.afterAttempts(1, 1_000);
    expect(final.message).toBe('GetProject proj_1 failed: no answer timeout_error: no answer in 1000 ms');
    expect(final).toMatchObject({ attempts: 1, elapsedMs: 1_000, serviceMessage: 'no answer in 1000 ms' });
  });

  test('an error without a cause shows none when Node prints it', () => {
    const error = new ProjectsApiError({ operation: 'GetProject', type: 'network_error' });
    expect('cause' in error).toBe(false);
    expect(inspect(error)).not.toContain('[cause]');
    expect(inspect(new ProjectsApiError({ operation: 'GetProject', cause: new Error('reset') }))).toContain('[cause]');
  });

  test.each([
    [403, false], [404, true], [410, false], [500, false],
  ])('HTTP %d means not found: %s', (status, notFound) => {
    expect(fromAnswer(status, '').notFound).toBe(notFound);
  });

  test('no answer is not "not found"', () => {
    expect(new ProjectsApiError({ operation: 'GetProject', type: 'network_error' }).notFound).toBe(false);
  });
});

describe('ProjectsApiError, the cause written to logs', () => {
  function loggedCause(cause: unknown): unknown {
    return new ProjectsApiError({ operation: 'ListProjects', type: 'network_error', cause }).toJSON().cause;
  }

  test.each([
    ['an error without an inner cause', { name: 'TypeError', message: 'fetch failed' }, 'TypeError: fetch failed'],
    ['an error with a null inner cause', { name: 'TypeError', message: 'fetch failed', cause: null }, 'TypeError: fetch failed'],
    ['an inner cause without a message', { name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNRESET' } }, 'TypeError: fetch failed'],
    ['an inner cause without a code', new TypeError('fetch failed', { cause: new Error('socket hang up') }), 'TypeError: fetch failed (socket hang up)'],
    ['an error without a name', { message: 'fetch failed' }, 'Error: fetch failed'],
  ])('%s is written as one line of text', (_, cause, text) => {
    expect(loggedCause(cause)).toBe(text);
  });

  test.each([
    ['a string', 'socket closed'],
    ['an object without a message', { code: 'ECONNRESET' }],
  ])('a cause that is %s is written as it is', (_, cause) => {
    expect(loggedCause(cause)).toEqual(cause);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test.each([
    ['2', 2_000],
    ['120', 120_000],
    ['1.25', 1_250],
    ['x1', undefined],
    ['5s', undefined],
    ['0', 0],
    [' 1.5 ', 1_500],
    ['Thu, 01 Jan 2026 00:00:04 GMT', 4_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    ['   ', undefined],
    [null, undefined],
  ])('%j is %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
