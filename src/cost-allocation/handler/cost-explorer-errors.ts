/**
 * How the handler reads Cost Explorer errors. SDK errors are matched by shape (`name`,
 * `$metadata`, `$fault`), not by class, so this file needs no SDK import.
 */

/** The error code Cost Explorer uses for a key it has not seen in billing data yet. */
export const TAG_KEYS_NOT_FOUND = 'TagKeysNotFoundException';

/** Network failures worth another attempt: the connection broke, not the request. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** Error names that mean "slow down", Cost Explorer's `LimitExceededException` first. */
const THROTTLING_NAMES = new Set(['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

interface ErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
}

/** The error's name as the service sent it (`LimitExceededException`, ...). */
export function errorName(error: unknown): string {
  return shape(error).name ?? 'Error';
}

export function errorMessage(error: unknown): string {
  const message = shape(error).message;
  return typeof message === 'string' && message.length > 0 ? message : String(error);
}

/** Throttling, server faults and broken connections are retried; everything else is final. */
export function isRetryableCostExplorerError(error: unknown): boolean {
  const e = shape(error);
  if (THROTTLING_NAMES.has(e.name ?? '')) {
    return true;
  }
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return true;
  }
  // The SDK names a broken socket `TimeoutError`; when the error crossed a JavaScript realm it only
  // survives as the text of the SDK's generic wrapper ("AWS SDK error wrapper for TimeoutError: ...").
  return e.name === 'TimeoutError'
    || TRANSIENT_NETWORK_CODES.has(e.code ?? '')
    || /^AWS SDK error wrapper for TimeoutError\b/.test(e.message ?? '');
}

/**
 * A member account of an organization may not manage cost allocation tags; Cost Explorer says
 * `AccessDeniedException: ... Linked account doesn't have access to cost allocation tags.`
 */
export function isLinkedAccountDenial(error: unknown): boolean {
  return errorName(error) === 'AccessDeniedException' && /linked account/i.test(errorMessage(error));
}

/**
 * The keys a top-level `ValidationException ... Tag keys not found: a,b` names, or `undefined`
 * when the error is not of that form. Tag keys cannot contain commas, so the list splits cleanly.
 */
export function keysNotFoundIn(error: unknown): string[] | undefined {
  if (errorName(error) !== 'ValidationException') {
    return undefined;
  }
  const match = /Tag keys? not found:\s*(.+)$/is.exec(errorMessage(error));
  if (!match) {
    return undefined;
  }
  return match[1].replace(/\.\s*$/, '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
}

/** `Name: message`, on one line, for failure reasons. */
export function describeError(error: unknown): string {
  const name = errorName(error);
  const text = name === 'Error' ? errorMessage(error) : `${name}: ${errorMessage(error)}`;
  return text.replace(/\s+/g, ' ').trim();
}

/** `describeError` as a sentence: with a full stop, unless the service's message already ends with one. */
export function describeErrorAsSentence(error: unknown): string {
  const text = describeError(error);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Everything worth logging about an error, for `console.error` JSON. */
export function errorDetail(error: unknown): Record<string, unknown> {
  const e = shape(error);
  return {
    name: errorName(error),
    message: errorMessage(error),
    code: e.code,
    fault: e.$fault,
    httpStatusCode: e.$metadata?.httpStatusCode,
    requestId: e.$metadata?.requestId,
    stack: error instanceof Error ? error.stack : undefined,
  };
}
