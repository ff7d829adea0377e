import { errorForLog, eventForLog, logJson } from '../../src/handler-shared/handler-log';

/**
 * The log line format both handlers write: one JSON object per line, errors on stderr, fields at
 * the top level so that CloudWatch Logs Insights can filter on them.
 */

describe('logJson', () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
  });

  test('writes one JSON line with the level, the message and the fields at the top level', () => {
    logJson('info', 'Created project', { projectId: 'proj_1', name: 'a' });
    expect(out.mock.calls).toEqual([['{"level":"info","message":"Created project","projectId":"proj_1","name":"a"}']]);
    expect(err).not.toHaveBeenCalled();
  });

  test('errors go to stderr, warnings and information to stdout', () => {
    logJson('error', 'broken');
    logJson('warn', 'careful');
    expect(err.mock.calls).toEqual([['{"level":"error","message":"broken"}']]);
    expect(out.mock.calls).toEqual([['{"level":"warn","message":"careful"}']]);
  });

  test('a big integer is written as its digits instead of failing the line', () => {
    logJson('info', 'count', { bytes: BigInt('12345678901234567890') });
    expect(JSON.parse(out.mock.calls[0][0])).toEqual({ level: 'info', message: 'count', bytes: '12345678901234567890' });
  });
});

describe('eventForLog', () => {
  test('drops the presigned response URL and keeps everything else', () => {
    const event = { RequestType: 'Create', ResponseURL: 'https://example.com/secret', ResourceProperties: { ProjectName: 'a' } };
    expect(eventForLog(event)).toEqual({ RequestType: 'Create', ResourceProperties: { ProjectName: 'a' } });
  });
});

describe('errorForLog', () => {
  test('keeps the name, message and code of an error and of its causes', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const outer = new TypeError('fetch failed', { cause: inner });
    expect(errorForLog(outer)).toEqual({
      name: 'TypeError',
      message: 'fetch failed',
      code: undefined,
      cause: { name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED', cause: undefined },
    });
  });

  test('follows causes three levels deep, no further', () => {
    let error: Error = new Error('level 4');
    for (const level of [3, 2, 1, 0]) {
      error = new Error(`level ${level}`, { cause: error });
    }
    const logged = errorForLog(error) as { cause: { cause: { cause: { message: string; cause: unknown } } } };
    expect(logged.cause.cause.cause).toEqual({ name: 'Error', message: 'level 3', code: undefined, cause: undefined });
  });

  test('an error with its own JSON form is logged in that form', () => {
    const error = Object.assign(new Error('x'), { toJSON: () => ({ operation: 'GetProject', status: 403 }) });
    expect(errorForLog(error)).toEqual({ operation: 'GetProject', status: 403 });
  });

  test('an error from another realm (no Error prototype) is still read by its fields', () => {
    expect(errorForLog({ name: 'AbortError', message: 'aborted' })).toEqual({ name: 'AbortError', message: 'aborted', code: undefined, cause: undefined });
  });

  test.each([['a string', 'boom'], ['null', null], ['an object without a message', { status: 500 }], ['a number', 42]])(
    '%s is logged as it is', (_, thrown) => {
      expect(errorForLog(thrown)).toEqual(thrown);
    });
});
