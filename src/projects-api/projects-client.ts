import { UnreadableTagsError } from './project-tags';
import { CLIENT_ERROR_TYPES, isRetryableProjectsError, ProjectsApiError, ProjectsOperation } from './projects-api-error';
import { resolveProjectsBaseUrl } from './projects-endpoint';
import { assertSingleChange, CreateProjectInput, Project, ProjectChange, ProjectPage, toProject, toProjectPage } from './projects-model';
import { AwsCredentialsProvider, createSigV4Fetch, SigV4Fetch } from './sigv4-fetch';
import { lambdaCredentials } from '../handler-shared/lambda-credentials';
import { RetryEvent, withRetries } from '../handler-shared/retry';

/** The SigV4 signing name of the Projects API; signing as `bedrock` is refused with 401. */
export const PROJECTS_SIGNING_SERVICE = 'bedrock-mantle';

/** Options of {@link ProjectsClient}. */
export interface ProjectsClientOptions {
  /**
   * The region whose projects are managed; also the signing region.
   * @default the `AWS_REGION` (then `AWS_DEFAULT_REGION`) environment variable
   */
  readonly region?: string;

  /**
   * An endpoint origin such as `http://127.0.0.1:1234`, with or without `/v1`.
   * @default `AWS_ENDPOINT_URL_BEDROCK_MANTLE`, then `AWS_ENDPOINT_URL`, then the public endpoint
   */
  readonly endpoint?: string;

  /**
   * Where credentials come from.
   * @default the environment variables `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
   * `AWS_SESSION_TOKEN`, where Lambda puts the execution role's credentials
   */
  readonly credentials?: AwsCredentialsProvider;

  /**
   * Epoch milliseconds after which no request is sent and no retry waits. A Lambda handler sets it
   * from `context.getRemainingTimeInMillis()` minus the time it needs to report a failure.
   * @default no deadline; only `maxAttempts` bounds the retries
   */
  readonly deadline?: number;

  /**
   * Longest wait for one answer. An attempt also never takes more than half of the time left
   * before the deadline, so a hung connection always leaves time for another attempt.
   * @default 15_000
   */
  readonly requestTimeoutMs?: number;

  /**
   * Attempts per call, the first one included (create excepted, see {@link ProjectsClient.create}).
   * @default 10
   */
  readonly maxAttempts?: number;

  /** @default 200 */
  readonly baseDelayMs?: number;

  /** @default 10_000 */
  readonly maxDelayMs?: number;

  /**
   * Projects asked for per list page (the `limit` parameter).
   * @default 100
   */
  readonly pageSize?: number;

  /**
   * Most list pages one `list()` reads: a bound on a service whose pages never end.
   * @default 2_000
   */
  readonly maxListPages?: number;

  /** Told before each retry wait, e.g. to log it. */
  readonly onRetry?: (event: ProjectsRetryEvent) => void;
}

/** A retry of one Projects API call. */
export interface ProjectsRetryEvent extends RetryEvent {
  readonly operation: ProjectsOperation;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_PAGE_SIZE = 100;
/** Shortest attempt worth making when time is short. */
const MIN_ATTEMPT_MS = 100;
/** Far more pages than the 1,000-project quota needs even one project per page; guards a looping server. */
const DEFAULT_MAX_LIST_PAGES = 2_000;

/** Per-call settings inside the client. */
interface CallSpec {
  readonly operation: ProjectsOperation;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Record<string, string | undefined>;
  readonly body?: unknown;
  readonly projectId?: string;
  /** Whether failed attempts may be repeated: false for requests that are not idempotent. */
  readonly idempotent: boolean;
}

/**
 * A client of the Bedrock Projects API (`/v1/organization/projects` on `bedrock-mantle`).
 *
 * Every request is SigV4-signed. Calls are retried on throttling, server errors, timeouts and lost
 * connections, with capped exponential backoff and jitter, honouring `Retry-After`, and never past
 * the deadline. Failures are {@link ProjectsApiError}s.
 */
export class ProjectsClient {
  /** The region whose projects this client manages. */
  public readonly region: string;
  /** The base URL, ending in `/v1`. */
  public readonly baseUrl: string;
  /** Epoch milliseconds after which no request is sent; `Infinity` when there is none. */
  public readonly deadline: number;

  private readonly fetch: SigV4Fetch;
  private readonly requestTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs?: number;
  private readonly maxDelayMs?: number;
  private readonly pageSize: number;
  private readonly maxListPages: number;
  private readonly onRetry?: (event: ProjectsRetryEvent) => void;

  constructor(options: ProjectsClientOptions = {}) {
    const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new Error('No region for the Projects API: set AWS_REGION or pass the region option');
    }
    this.region = region;
    this.baseUrl = resolveProjectsBaseUrl(region, options.endpoint);
    this.fetch = createSigV4Fetch({
      region,
      service: PROJECTS_SIGNING_SERVICE,
      credentials: options.credentials ?? lambdaCredentials(),
    });
    this.deadline = options.deadline ?? Infinity;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.baseDelayMs = options.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.maxListPages = options.maxListPages ?? DEFAULT_MAX_LIST_PAGES;
    this.onRetry = options.onRetry;
  }

  /**
   * Creates a project.
   *
   * Sent once, never retried: a create whose answer was lost may still have created the project,
   * and a blind retry would make a second one. Callers that can recognise their project (e.g. by
   * a tag) retry themselves, looking for it before each new attempt; `error.retryable` tells
   * whether that is worth it.
   */
  public async create(input: CreateProjectInput): Promise<Project> {
    const body: Record<string, unknown> = { name: input.name };
    if (input.tags !== undefined) {
      body.tags = input.tags;
    }
    if (input.dataRetention !== undefined) {
      body.data_retention = { mode: input.dataRetention };
    }
    const answer = await this.call({ operation: 'CreateProject', method: 'POST', path: '', body, idempotent: false });
    return this.expectProject('CreateProject', answer);
  }

  /** Retrieves one project; a 404 means it does not exist in this region. */
  public async get(projectId: string): Promise<Project> {
    const answer = await this.call({ operation: 'GetProject', method: 'GET', path: `/${encodeURIComponent(projectId)}`, projectId, idempotent: true });
    return this.expectProject('GetProject', answer, projectId);
  }

  /**
   * Lists the projects the service returns, following `has_more`/`last_id` with `after`.
   *
   * The paging parameters the service honours are not documented, so this stops as soon as a
   * page brings no project not seen before or the cursor does not move: a server that ignores
   * them yields its one page instead of an endless loop.
   */
  public async list(): Promise<Project[]> {
    const seen = new Map<string, Project>();
    let after: string | undefined;
    for (let pageNumber = 0; pageNumber < this.maxListPages; pageNumber++) {
      const page = await this.listPage(after);
      let fresh = 0;
      for (const project of page.data) {
        if (!seen.has(project.id)) {
          seen.set(project.id, project);
          fresh++;
        }
      }
      const next = page.last_id ?? page.data[page.data.length - 1]?.id;
      if (!page.has_more || fresh === 0 || !next || next === after) {
        break;
      }
      after = next;
    }
    return [...seen.values()];
  }

  /** Applies one change; see {@link ProjectChange}. */
  public async update(projectId: string, change: ProjectChange): Promise<Project> {
    assertSingleChange(change);
    const answer = await this.call({
      operation: 'UpdateProject', method: 'POST', path: `/${encodeURIComponent(projectId)}`, body: change, projectId, idempotent: true,
    });
    return this.expectProject('UpdateProject', answer, projectId);
  }

  /** Archives a project. Archiving is terminal; archiving an archived project succeeds. */
  public async archive(projectId: string): Promise<void> {
    await this.call({ operation: 'ArchiveProject', method: 'POST', path: `/${encodeURIComponent(projectId)}/archive`, projectId, idempotent: true });
  }

  private async listPage(after: string | undefined): Promise<ProjectPage> {
    const answer = await this.call({
      operation: 'ListProjects', method: 'GET', path: '', query: { limit: String(this.pageSize), after }, idempotent: true,
    });
    const page = readAnswer('ListProjects', answer, toProjectPage);
    if (page === undefined) {
      throw invalidResponse('ListProjects', 'the answer is not a list of projects', undefined, answer.status);
    }
    return page;
  }

  private expectProject(operation: ProjectsOperation, answer: Answer, projectId?: string): Project {
    const project = readAnswer(operation, answer, toProject, projectId);
    if (project === undefined) {
      throw invalidResponse(operation, 'the answer is not a project', projectId, answer.status);
    }
    return project;
  }

  /**
   * Sends the call, retrying what may succeed on another attempt. The error thrown in the end says
   * how many attempts were made and how long they took, so that a message never suggests retries
   * that did not happen, nor quotes one attempt's time limit as the whole wait.
   */
  private async call(spec: CallSpec): Promise<Answer> {
    let lastFailure: ProjectsApiError | undefined;
    let attempts = 0;
    const startedAt = Date.now();
    try {
      return await withRetries(async () => {
        attempts++;
        try {
          return await this.send(spec);
        } catch (error) {
          // Running out of time says less than the failure that used the time up: report that one.
          if (lastFailure !== undefined && error instanceof ProjectsApiError && error.type === CLIENT_ERROR_TYPES.deadline) {
            attempts--;
            throw lastFailure;
          }
          // So does a last attempt that had only the time left before the deadline and timed out
          // (on a loaded machine, the answer to that attempt may come too late even from a
          // service that answers at once): the earlier failure is the one worth reading.
          if (lastFailure !== undefined && lastFailure.type !== CLIENT_ERROR_TYPES.timeout && cutShortByDeadline(error, this.deadline)) {
            throw lastFailure;
          }
          lastFailure = error instanceof ProjectsApiError ? error : undefined;
          throw error;
        }
      }, {
        isRetryable: isRetryableProjectsError,
        deadline: this.deadline,
        maxAttempts: spec.idempotent ? this.maxAttempts : 1,
        minAttemptMs: MIN_ATTEMPT_MS,
        baseDelayMs: this.baseDelayMs,
        maxDelayMs: this.maxDelayMs,
        onRetry: this.onRetry && ((event) => this.onRetry?.({ ...event, operation: spec.operation })),
      });
    } catch (error) {
      throw error instanceof ProjectsApiError ? error.afterAttempts(attempts, Date.now() - startedAt) : error;
    }
  }

  /** One attempt: sign, send, read, and turn anything but a 2xx JSON answer into an error. */
  private async send(spec: CallSpec): Promise<Answer> {
    const { operation, projectId } = spec;
    const remainingMs = this.deadline - Date.now();
    if (remainingMs <= 0) {
      throw new ProjectsApiError({
        operation, projectId, type: CLIENT_ERROR_TYPES.deadline, serviceMessage: 'the deadline passed before the request could be sent',
      });
    }
    // Half the time left, so a hung connection leaves time for another attempt; but once halves
    // get too short to be useful, the last attempt takes all that is left.
    const attemptShare = remainingMs < 2 * MIN_ATTEMPT_MS ? remainingMs : Math.max(MIN_ATTEMPT_MS, remainingMs / 2);
    const timeoutMs = Math.ceil(Math.min(this.requestTimeoutMs, attemptShare));

    const url = new URL(`${this.baseUrl}/organization/projects${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, value);
      }
    }

    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, { method: spec.method, body: spec.body === undefined ? undefined : JSON.stringify(spec.body), signal });
      text = await response.text();
    } catch (error) {
      throw failureWithoutAnswer(operation, error, signal.aborted, timeoutMs, projectId);
    }

    if (!response.ok) {
      throw ProjectsApiError.fromResponse(operation, response, text, projectId);
    }
    if (text.trim() === '') {
      return { status: response.status, body: undefined };
    }
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      throw invalidResponse(operation, `HTTP ${response.status} with a body that is not JSON`, projectId, response.status);
    }
  }
}

/** A 2xx answer: its status and its parsed JSON body. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Turns the body into a model value; tags that cannot be read make the answer invalid. */
function readAnswer<T>(operation: ProjectsOperation, answer: Answer, read: (body: unknown) => T, projectId?: string): T {
  try {
    return read(answer.body);
  } catch (error) {
    if (error instanceof UnreadableTagsError) {
      throw invalidResponse(operation, error.message, projectId, answer.status);
    }
    throw error;
  }
}

/** Classifies an exception thrown while sending or reading: timeout, lost connection, or neither. */
function failureWithoutAnswer(
  operation: ProjectsOperation, error: unknown, timedOut: boolean, timeoutMs: number, projectId?: string,
): ProjectsApiError {
  if (timedOut) {
    return new ProjectsApiError({ operation, projectId, type: CLIENT_ERROR_TYPES.timeout, serviceMessage: `no answer within ${timeoutMs} ms`, cause: error });
  }
  // undici's fetch reports every connection-level failure as `TypeError: fetch failed` with the
  // reason as `cause`. Compared by name: the error may come from another realm (vm contexts).
  if (errorName(error) === 'TypeError') {
    return new ProjectsApiError({ operation, projectId, type: CLIENT_ERROR_TYPES.network, serviceMessage: describeCause(error), cause: error });
  }
  // Anything else (no credentials, for one) happened before sending and is not cured by retrying.
  const message = errorName(error) === undefined ? String(error) : `${errorName(error)}: ${(error as Error).message}`;
  return new ProjectsApiError({ operation, projectId, type: 'client_error', serviceMessage: message, cause: error });
}

/** A timeout that ran until the deadline: the attempt had no more time than what was left. */
function cutShortByDeadline(error: unknown, deadline: number): boolean {
  return error instanceof ProjectsApiError && error.type === CLIENT_ERROR_TYPES.timeout && Date.now() >= deadline;
}

function describeCause(error: unknown): string {
  const { message, cause } = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof cause === 'object' && cause !== null && typeof cause.message === 'string') {
    return typeof cause.code === 'string' ? `${cause.code}: ${cause.message}` : cause.message;
  }
  return String(message);
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as Error).name : undefined;
}

function invalidResponse(operation: ProjectsOperation, detail: string, projectId?: string, status?: number): ProjectsApiError {
  return new ProjectsApiError({ operation, projectId, status, type: CLIENT_ERROR_TYPES.invalidResponse, serviceMessage: detail });
}
