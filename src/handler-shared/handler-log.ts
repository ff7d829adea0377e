/**
 * Structured logs for Lambda handlers: one JSON object per line, so CloudWatch Logs Insights can
 * filter on the fields.
 */

/** Writes one log line; `error` goes to stderr, the rest to stdout. */
export function logJson(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, ...fields }, jsonSafe);
  if (level === 'error') {
    console.error(line);
  } else {
    console.log(line);
  }
}

/**
 * A CloudFormation custom resource event fit for logs: without `ResponseURL`, a presigned URL that
 * lets whoever holds it answer for the resource.
 */
export function eventForLog(event: object): Record<string, unknown> {
  const { ResponseURL: _responseUrl, ...rest } = event as Record<string, unknown>;
  return rest;
}

/**
 * The parts of an error worth logging, its cause included. Duck-typed: errors raised by Node's
 * own fetch may come from another realm, where `instanceof Error` is false.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null || !('message' in error)) {
    return error;
  }
  const withJson = error as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') {
    return withJson.toJSON();
  }
  const { name, message, cause, code } = error as { name?: unknown; message?: unknown; cause?: unknown; code?: unknown };
  return {
    name,
    message,
    code,
    cause: cause === undefined || depth >= 3 ? undefined : errorForLog(cause, depth + 1),
  };
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
