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

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test.each([
    ['2', 2_000],
    ['0', 0],
    [' 1.5 ', 1_500],
    ['Thu, 01 Jan 2026 00:00:04 GMT', 4_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j is %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
