import {
  describeError, describeErrorAsSentence, errorMessage, errorName, isLinkedAccountDenial, isRetryableCostExplorerError, keysNotFoundIn,
} from '../../../src/cost-allocation/handler/cost-explorer-errors';

/**
 * How the cost allocation handler reads Cost Explorer's errors: which ones are worth another
 * attempt, which keys a rejected batch names, and the one-line reason CloudFormation shows.
 * Errors are matched by shape (the SDK's `name`, `$fault`, `$metadata`), as the handler does.
 */

const sdkError = (name: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, ...fields });

describe('retry classification', () => {
  test.each(['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'])(
    'throttling (%s) is retried', (name) => {
      expect(isRetryableCostExplorerError(sdkError(name, { $fault: 'client', $metadata: { httpStatusCode: 400 } }))).toBe(true);
    });

  test('a server fault is retried on the SDK\'s fault mark alone, without a status', () => {
    expect(isRetryableCostExplorerError(sdkError('InternalFailure', { $fault: 'server' }))).toBe(true);
  });

  test.each([500, 503])('an HTTP %i is retried on the status alone, without the fault mark', (status) => {
    expect(isRetryableCostExplorerError(sdkError('UnknownError', { $metadata: { httpStatusCode: status } }))).toBe(true);
  });

  test('a client error (4xx) is final', () => {
    expect(isRetryableCostExplorerError(sdkError('ValidationException', { $fault: 'client', $metadata: { httpStatusCode: 499 } }))).toBe(false);
    expect(isRetryableCostExplorerError(sdkError('AccessDeniedException', { $fault: 'client', $metadata: { httpStatusCode: 403 } }))).toBe(false);
  });

  test('the SDK\'s TimeoutError (a broken socket) is retried', () => {
    expect(isRetryableCostExplorerError(sdkError('TimeoutError'))).toBe(true);
  });

  test.each(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED'])('a broken connection (%s) is retried', (code) => {
    expect(isRetryableCostExplorerError(sdkError('Error', { code }))).toBe(true);
  });

  test('an unknown error code is final', () => {
    expect(isRetryableCostExplorerError(sdkError('Error', { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
  });

  test('a TimeoutError that crossed a realm, known only by the SDK wrapper\'s text, is retried', () => {
    expect(isRetryableCostExplorerError(new Error('AWS SDK error wrapper for TimeoutError: socket hang up'))).toBe(true);
  });

  test('the wrapper\'s text counts only at the start of the message, and only for TimeoutError itself', () => {
    expect(isRetryableCostExplorerError(new Error('Refused: AWS SDK error wrapper for TimeoutError: x'))).toBe(false);
    expect(isRetryableCostExplorerError(new Error('AWS SDK error wrapper for TimeoutErrors'))).toBe(false);
  });

  test.each([['null', null], ['undefined', undefined], ['a string', 'LimitExceededException'], ['a number', 500]])(
    '%s thrown is final, and reading it does not throw', (_, thrown) => {
      expect(isRetryableCostExplorerError(thrown)).toBe(false);
    });
});

describe('reading an error', () => {
  test('the name is the service\'s, or Error when there is none', () => {
    expect(errorName(sdkError('LimitExceededException'))).toBe('LimitExceededException');
    expect(errorName({})).toBe('Error');
    expect(errorName(null)).toBe('Error');
  });

  test('an empty message is replaced by the error as text', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(new RangeError(''))).toBe('RangeError');
    expect(errorMessage('plain text')).toBe('plain text');
  });

  test('the failure reason is one line, named by the service\'s error name unless it is a plain Error', () => {
    expect(describeError(sdkError('ValidationException', { message: 'bad\n   input' }))).toBe('ValidationException: bad input');
    expect(describeError(new Error('  plain\tfailure  '))).toBe('plain failure');
  });

  test('as a sentence it ends with one full stop, whether or not the service\'s message has one', () => {
    expect(describeErrorAsSentence(new Error('Access denied.'))).toBe('Access denied.');
    expect(describeErrorAsSentence(new Error('Key a.b is not ready'))).toBe('Key a.b is not ready.');
    expect(describeErrorAsSentence(sdkError('ThrottlingException', { message: 'Rate exceeded!' }))).toBe('ThrottlingException: Rate exceeded!');
  });
});

describe('a member account\'s refusal', () => {
  test('is an AccessDeniedException that names the linked account', () => {
    expect(isLinkedAccountDenial(sdkError('AccessDeniedException', { message: 'Linked account doesn\'t have access to cost allocation tags.' }))).toBe(true);
  });

  test('another AccessDeniedException, or another error naming a linked account, is not', () => {
    expect(isLinkedAccountDenial(sdkError('AccessDeniedException', { message: 'User is not authorized to perform ce:UpdateCostAllocationTagsStatus' }))).toBe(false);
    expect(isLinkedAccountDenial(sdkError('ValidationException', { message: 'Linked account doesn\'t have access to cost allocation tags.' }))).toBe(false);
  });
});

describe('the keys a rejected batch names as not found', () => {
  const validation = (message: string) => sdkError('ValidationException', { message });

  test('are read from the list after the colon, trimmed, without the closing full stop', () => {
    expect(keysNotFoundIn(validation('Failed to update: Tag keys not found: app.name, CostCenter. '))).toEqual(['app.name', 'CostCenter']);
  });

  test('one key is named in the singular', () => {
    expect(keysNotFoundIn(validation('Tag key not found: Owner'))).toEqual(['Owner']);
  });

  test('the list may follow the colon without a space; empty entries are dropped', () => {
    expect(keysNotFoundIn(validation('Tag keys not found:Application,,Team.'))).toEqual(['Application', 'Team']);
  });

  test('only a ValidationException names keys; another error with the same text does not', () => {
    expect(keysNotFoundIn(sdkError('AccessDeniedException', { message: 'Tag keys not found: Owner' }))).toBeUndefined();
    expect(keysNotFoundIn(validation('Tag keys must not be empty'))).toBeUndefined();
  });
});
