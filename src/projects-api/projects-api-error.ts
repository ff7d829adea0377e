/** The Projects API operations, named like their IAM actions so logs and policies read alike. */
export type ProjectsOperation = 'ListProjects' | 'CreateProject' | 'GetProject' | 'UpdateProject' | 'ArchiveProject';

/** Error types set by the client itself when no usable answer came from the service. */
export const CLIENT_ERROR_TYPES = {
  /** The connection failed or was dropped before a full answer arrived. */
  network: 'network_error',
  /** The answer did not arrive within the per-request timeout. */
  timeout: 'timeout_error',
  /** The caller's deadline had passed before the request could be sent. */
  deadline: 'deadline_exceeded',
  /** The service answered 2xx with a body that is not what the API documents. */
  invalidResponse: 'invalid_response',
} as const;

/** Fields of a {@link ProjectsApiError}. */
export interface ProjectsApiErrorFields {
  readonly operation: ProjectsOperation;
  /** HTTP status; absent when no answer was received. */
  readonly status?: number;
  /** The service's `error.type` (e.g. `not_found_error`), or one of {@link CLIENT_ERROR_TYPES}. */
  readonly type?: string;
  /** The service's `error.message`, or the body text when it is not JSON. */
  readonly serviceMessage?: string;
  readonly projectId?: string;
  /** The server's `Retry-After` advice in milliseconds. */
  readonly retryAfterMs?: number;
  /** Attempts the call made before giving up; absent when not counted. */
  readonly attempts?: number;
  /** Time the call took over all its attempts, in milliseconds. */
  readonly elapsedMs?: number;
  readonly cause?: unknown;
}

/** Longest service text kept in the one-line message; HTML error pages from proxies can be long. */
const MAX_SERVICE_MESSAGE_LENGTH = 500;

/**
 * A failed Projects API call. `message` is one readable line (operation, project, status, the
 * service's type and message) because it ends up as the CloudFormation event reason.
 */
export class ProjectsApiError extends Error {
  /** Builds the error for an HTTP answer that is not 2xx. */
  public static fromResponse(operation: ProjectsOperation, response: { status: number; headers: Headers }, bodyText: string, projectId?: string):
  ProjectsApiError {
    const { type, message } = parseErrorBody(bodyText);
    return new ProjectsApiError({
      operation,
      status: response.status,
      type,
      serviceMessage: message,
      projectId,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }

  public readonly operation: ProjectsOperation;
  public readonly status?: number;
  public readonly type?: string;
  public readonly serviceMessage?: string;
  public readonly projectId?: string;
  public readonly retryAfterMs?: number;
  /** Attempts the call made before giving up; absent when not counted. */
  public readonly attempts?: number;
  /** Time the call took over all its attempts, in milliseconds. */
  public readonly elapsedMs?: number;

  private readonly fields: ProjectsApiErrorFields;

  constructor(fields: ProjectsApiErrorFields) {
    super(describe(fields), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'ProjectsApiError';
    this.operation = fields.operation;
    this.status = fields.status;
    this.type = fields.type;
    this.serviceMessage = fields.serviceMessage;
    this.projectId = fields.projectId;
    this.retryAfterMs = fields.retryAfterMs;
    this.attempts = fields.attempts;
    this.elapsedMs = fields.elapsedMs;
    this.fields = fields;
  }

  /**
   * The same failure as the end of a call that made `attempts` attempts in `elapsedMs`. A timeout
   * after several attempts then quotes the whole wait, not the last attempt's shorter limit.
   */
  public afterAttempts(attempts: number, elapsedMs: number): ProjectsApiError {
    const serviceMessage = this.type === CLIENT_ERROR_TYPES.timeout && attempts > 1
      ? `no answer in ${Math.round(elapsedMs)} ms over ${attempts} attempts`
      : this.serviceMessage;
    return new ProjectsApiError({ ...this.fields, serviceMessage, attempts, elapsedMs, cause: this.cause });
  }

  /**
   * Whether trying again may succeed: throttling (429), server errors (5xx), timeouts and lost
   * connections. Other 4xx answers are final: the same request would fail the same way.
   */
  public get retryable(): boolean {
    if (this.status === undefined) {
      return this.type === CLIENT_ERROR_TYPES.network || this.type === CLIENT_ERROR_TYPES.timeout;
    }
    return this.status === 429 || this.status >= 500;
  }

  /** The project (or the route) does not exist in this region. */
  public get notFound(): boolean {
    return this.status === 404;
  }

  /** The fields as plain JSON, for structured logs. */
  public toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      status: this.status,
      type: this.type,
      serviceMessage: this.serviceMessage,
      projectId: this.projectId,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
      cause: describeCause(this.cause),
    };
  }
}

/** Whether `error` is a {@link ProjectsApiError} worth retrying; the predicate for `withRetries`. */
export function isRetryableProjectsError(error: unknown): boolean {
  return error instanceof ProjectsApiError && error.retryable;
}

/** A cause as text; duck-typed because network errors may come from another realm. */
function describeCause(cause: unknown): unknown {
  if (typeof cause === 'object' && cause !== null && 'message' in cause) {
    const { name, message, cause: inner } = cause as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
    const innerText = typeof inner === 'object' && inner !== null && typeof inner.message === 'string'
      ? ` (${typeof inner.code === 'string' ? `${inner.code}: ` : ''}${inner.message})`
      : '';
    return `${String(name ?? 'Error')}: ${String(message)}${innerText}`;
  }
  return cause;
}

function describe(fields: ProjectsApiErrorFields): string {
  const subject = fields.projectId ? `${fields.operation} ${fields.projectId}` : fields.operation;
  const answer = fields.status === undefined ? 'no answer' : `HTTP ${fields.status}`;
  const detail = [fields.type, fields.serviceMessage].filter((part) => part).join(': ');
  return oneLine(`${subject} failed: ${answer}${detail ? ` ${detail}` : ''}`);
}

/** Reads the OpenAI-style `{"error": {"type", "message"}}` body, tolerating anything else. */
function parseErrorBody(bodyText: string): { type?: string; message?: string } {
  const text = bodyText.trim();
  if (!text) {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) {
      const error = parsed.error;
      if (isRecord(error)) {
        return { type: stringOrUndefined(error.type ?? error.code), message: stringOrUndefined(error.message) };
      }
      // Gateways in front of AWS services answer `{"message": ...}` or `{"Message": ...}`.
      return {
        type: stringOrUndefined(parsed.type ?? parsed.__type ?? (typeof error === 'string' ? error : undefined)),
        message: stringOrUndefined(parsed.message ?? parsed.Message),
      };
    }
  } catch {
    // Not JSON: keep the text itself, it is the only clue there is.
  }
  return { message: truncate(oneLine(text)) };
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Anything else is
 * ignored rather than trusted.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string): string {
  return text.length > MAX_SERVICE_MESSAGE_LENGTH ? `${text.slice(0, MAX_SERVICE_MESSAGE_LENGTH)}…` : text;
}

function stringOrUndefined(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return truncate(oneLine(value));
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
