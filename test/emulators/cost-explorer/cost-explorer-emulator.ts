import { randomUUID } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { SigningExpectation, sigV4Problem } from './sigv4-check';

/**
 * A loopback emulator of the Cost Explorer cost allocation tag API, speaking AWS JSON 1.1 over
 * real HTTP (`X-Amz-Target: AWSInsightsIndexService.<Operation>`), for handler tests that must not
 * reach AWS. It follows the documented behaviour (see aws-facts.md §3):
 *
 * - A key is *registered* once Cost Explorer has seen it in billing data; unregistered keys are
 *   absent from `ListCostAllocationTags` and cannot be activated. {@link registerKeys} plays the
 *   "up to 24 hours later" moment.
 * - `UpdateCostAllocationTagsStatus` takes 1–20 entries and reports unregistered keys either per
 *   key in `Errors` (HTTP 200) or, with {@link notFoundStyle} `validation-exception`, as a
 *   top-level `ValidationException ... Tag keys not found: a,b` that rejects the whole batch.
 * - `ListCostAllocationTags` takes 1–100 `TagKeys`, `MaxResults` 1–1000 (default 100) and pages
 *   with an opaque `NextToken`.
 * - `StartCostAllocationTagBackfill` checks the date (the first day of a month, at most 12 months
 *   before the current one, by the emulator's clock) and accepts one request per 24 hours
 *   (`BackfillLimitExceededException` otherwise); `ListCostAllocationTagBackfillHistory` lists the
 *   requests, newest first, `PROCESSING` for {@link backfillDurationMs} and then
 *   {@link backfillResult}. `ListCostAllocationTags` reports when a key's status last changed
 *   (`LastUpdatedDate`).
 * - The emulator has its own clock, which {@link advanceClock} moves forward, so that tests can
 *   play hours and days passing.
 * - Member accounts are denied; throttling, server errors and dropped connections can be injected.
 * - Every request must carry a valid SigV4 signature scoped to `ce` / `us-east-1`.
 */
export class CostExplorerEmulator {
  /** Starts an emulator on 127.0.0.1 on a free port. */
  public static async start(signing: Partial<SigningExpectation> = {}): Promise<CostExplorerEmulator> {
    const emulator = new CostExplorerEmulator({ ...DEFAULT_SIGNING, ...signing });
    await new Promise<void>((resolve) => emulator.server.listen(0, '127.0.0.1', resolve));
    return emulator;
  }

  /** How unregistered keys are reported by `UpdateCostAllocationTagsStatus`. */
  public notFoundStyle: NotFoundStyle = 'per-key-errors';

  /**
   * Makes this a member (linked) account of an organization: `all` denies every operation,
   * `writes` only updates and backfills.
   */
  public linkedAccount: false | 'all' | 'writes' = false;

  /** When set, no page holds more than this many tags, whatever `MaxResults` asks for. */
  public pageSizeCap: number | undefined;

  /**
   * Whether a backfill the emulator has no record of is running (then a new one gets
   * `BackfillLimitExceededException`, as it does within 24 hours of a recorded request).
   */
  public backfillRunning = false;

  /** How long a recorded backfill stays `PROCESSING`. */
  public backfillDurationMs = 60 * 60_000;

  /** How recorded backfills end once {@link backfillDurationMs} has passed. */
  public backfillResult: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED';

  /** Requests per operation, faulted and rejected ones included. */
  public readonly calls: Record<string, number> = {};

  /** Every request body, in order, for assertions on batch sizes and parameters. */
  public readonly requests: { operation: string; body: Record<string, unknown> }[] = [];

  /**
   * Keys List already shows but Update still reports as not found: the two views of Cost Explorer
   * are only eventually consistent, so a caller must cope with a key it saw listed being refused.
   */
  public readonly notYetActivatable = new Set<string>();

  /** How late a `slow-answer` fault answers. */
  public slowAnswerMs = 5_000;

  /** Backfills started, oldest first. */
  public readonly backfills: { BackfillFrom: string; RequestedAt: string }[] = [];

  private readonly server: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly tags = new Map<string, RegisteredTag>();
  private readonly rejected = new Map<string, { code: string; message: string }>();
  private faults: { kind: FaultKind; remaining: number; operation?: string; skip: number }[] = [];
  private clockOffsetMs = 0;

  private constructor(private readonly signing: SigningExpectation) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf-8')));
    });
  }

  /** The URL to give the SDK, e.g. through `AWS_ENDPOINT_URL_COST_EXPLORER`. */
  public get endpoint(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /**
   * Cost Explorer has seen these keys in billing data: they appear in List with `status`, and
   * with `lastUpdated` as their `LastUpdatedDate` when given (an ISO 8601 time).
   */
  public registerKeys(keys: readonly string[], status: TagStatus = 'Inactive', lastUpdated?: string): void {
    for (const key of keys) {
      this.tags.set(key, { key, type: 'UserDefined', status, lastUpdated });
    }
  }

  /** Moves the emulator's clock forward, e.g. to let a backfill complete or 24 hours pass. */
  public advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** The emulator's current time, as Cost Explorer writes times: `2025-03-21T18:33:18Z`. */
  public timestamp(): string {
    return isoSeconds(this.now());
  }

  /** An AWS-generated key such as `aws:createdBy`, to check that callers filter by type. */
  public registerAwsGeneratedKey(key: string, status: TagStatus = 'Inactive'): void {
    this.tags.set(key, { key, type: 'AWSGenerated', status, lastUpdated: undefined });
  }

  /** The key's status, or `undefined` when it is not registered. */
  public statusOf(key: string): TagStatus | undefined {
    return this.tags.get(key)?.status;
  }

  /** Registered user-defined keys that are active, sorted. */
  public activeKeys(): string[] {
    return [...this.tags.values()].filter((t) => t.type === 'UserDefined' && t.status === 'Active').map((t) => t.key).sort();
  }

  /** Updates of `key` fail with this per-key error code (other than "not found"). */
  public rejectKey(key: string, code: string, message: string): void {
    this.rejected.set(key, { code, message });
  }

  /**
   * The next `count` requests (of `operation`, or of any operation) fail: `throttle` with
   * `LimitExceededException`, `server-error` with HTTP 500, `drop-connection` by closing the socket,
   * `slow-answer` by answering {@link slowAnswerMs} late, `access-denied` with a missing permission
   * (a final error, not retried). The first `skip` matching requests are
   * answered normally, so that a later call of the same operation can be the one that fails.
   */
  public injectFaults(kind: FaultKind, count: number, operation?: string, skip = 0): void {
    this.faults.push({ kind, remaining: count, operation, skip });
  }

  /** Forgets counts and request logs, keeping the tags. */
  public resetCounts(): void {
    for (const key of Object.keys(this.calls)) {
      delete this.calls[key];
    }
    this.requests.length = 0;
  }

  /** Back to an empty account with default switches. */
  public reset(): void {
    this.resetCounts();
    this.tags.clear();
    this.rejected.clear();
    this.notYetActivatable.clear();
    this.faults = [];
    this.backfills.length = 0;
    this.backfillRunning = false;
    this.backfillDurationMs = 60 * 60_000;
    this.backfillResult = 'SUCCEEDED';
    this.clockOffsetMs = 0;
    this.notFoundStyle = 'per-key-errors';
    this.linkedAccount = false;
    this.pageSizeCap = undefined;
    this.slowAnswerMs = 5_000;
  }

  public async stop(): Promise<void> {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, text: string): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (operation) {
      this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    }
    try {
      if (req.method !== 'POST' || req.url !== '/') {
        throw new ApiError(404, 'UnknownOperationException', `${req.method} ${req.url} is not an operation`);
      }
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1') {
        throw new ApiError(400, 'SerializationException', `Content-Type must be application/x-amz-json-1.1, got ${req.headers['content-type']}`);
      }
      const signatureProblem = sigV4Problem(req.method, req.url, req.headers, text, this.signing);
      if (signatureProblem) {
        throw new ApiError(403, req.headers.authorization ? 'InvalidSignatureException' : 'MissingAuthenticationTokenException', signatureProblem);
      }
      const body = parseBody(text);
      this.requests.push({ operation, body });

      const fault = this.takeFault(operation);
      if (fault === 'drop-connection') {
        req.socket.destroy();
        return;
      }
      if (fault === 'throttle') {
        throw new ApiError(400, 'LimitExceededException', 'Rate exceeded');
      }
      if (fault === 'access-denied') {
        throw new ApiError(400, 'AccessDeniedException', `User is not authorized to perform: ce:${operation}`);
      }
      if (fault === 'server-error') {
        throw new ApiError(500, 'InternalServerError', 'We encountered an internal error. Please try again.');
      }
      if (fault === 'slow-answer') {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.answer(operation, target, body, res);
        }, this.slowAnswerMs);
        this.timers.add(timer);
        return;
      }
      this.answer(operation, target, body, res);
    } catch (error) {
      sendError(res, error);
    }
  }

  /** Carries out one accepted request and sends its answer. */
  private answer(operation: string, target: string, body: Record<string, unknown>, res: http.ServerResponse): void {
    try {
      const read = operation === 'ListCostAllocationTags' || operation === 'ListCostAllocationTagBackfillHistory';
      if (this.linkedAccount === 'all' || (this.linkedAccount === 'writes' && !read)) {
        throw new ApiError(400, 'AccessDeniedException', 'Failed to update Cost Allocation Tag: Linked account doesn\'t have access to cost allocation tags.');
      }
      switch (operation) {
        case 'ListCostAllocationTags':
          return send(res, 200, this.list(body));
        case 'UpdateCostAllocationTagsStatus':
          return send(res, 200, this.update(body));
        case 'StartCostAllocationTagBackfill':
          return send(res, 200, this.startBackfill(body));
        case 'ListCostAllocationTagBackfillHistory':
          return send(res, 200, this.backfillHistory(body));
        default:
          throw new ApiError(400, 'UnknownOperationException', `Unknown operation ${target}`);
      }
    } catch (error) {
      sendError(res, error);
    }
  }

  private takeFault(operation: string): FaultKind | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.operation === undefined || f.operation === operation));
    if (!fault) {
      return undefined;
    }
    if (fault.skip > 0) {
      fault.skip--;
      return undefined;
    }
    fault.remaining--;
    return fault.kind;
  }

  private list(body: Record<string, unknown>): Record<string, unknown> {
    const tagKeys = body.TagKeys as string[] | undefined;
    if (tagKeys !== undefined && (!Array.isArray(tagKeys) || tagKeys.length < 1 || tagKeys.length > 100)) {
      throw new ApiError(400, 'ValidationException', `1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and 100 (got ${Array.isArray(tagKeys) ? tagKeys.length : typeof tagKeys})`);
    }
    const maxResults = body.MaxResults === undefined ? 100 : Number(body.MaxResults);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
      throw new ApiError(400, 'ValidationException', `1 validation error detected: Value '${body.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
    }
    const filter = JSON.stringify([tagKeys ?? null, body.Status ?? null, body.Type ?? null]);
    let offset = 0;
    if (body.NextToken !== undefined) {
      const token = decodeToken(String(body.NextToken));
      if (!token || token.filter !== filter) {
        throw new ApiError(400, 'InvalidNextTokenException', 'The pagination token is invalid.');
      }
      offset = token.offset;
    }
    const wanted = tagKeys ? new Set(tagKeys) : undefined;
    const matching = [...this.tags.values()]
      .filter((t) => !wanted || wanted.has(t.key))
      .filter((t) => body.Status === undefined || t.status === body.Status)
      .filter((t) => body.Type === undefined || t.type === body.Type)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const size = Math.min(maxResults, this.pageSizeCap ?? Infinity);
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? encodeToken({ offset: offset + size, filter }) : undefined;
    return {
      CostAllocationTags: page.map((t) => ({
        TagKey: t.key,
        Type: t.type,
        Status: t.status,
        ...(t.lastUpdated ? { LastUpdatedDate: t.lastUpdated } : {}),
        LastUsedDate: '2025-01-01T00:00:00Z',
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private update(body: Record<string, unknown>): Record<string, unknown> {
    const entries = body.CostAllocationTagsStatus as { TagKey?: string; Status?: string }[] | undefined;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 20) {
      throw new ApiError(400, 'ValidationException', `1 validation error detected: Value at 'costAllocationTagsStatus' failed to satisfy constraint: Member must have length between 1 and 20 (got ${Array.isArray(entries) ? entries.length : typeof entries})`);
    }
    for (const entry of entries) {
      if (typeof entry.TagKey !== 'string' || (entry.Status !== 'Active' && entry.Status !== 'Inactive')) {
        throw new ApiError(400, 'ValidationException', `Invalid entry ${JSON.stringify(entry)}: TagKey and Status (Active or Inactive) are required`);
      }
    }
    const notFound = entries
      .filter((e) => this.tags.get(e.TagKey!)?.type !== 'UserDefined' || this.notYetActivatable.has(e.TagKey!))
      .map((e) => e.TagKey!);
    if (notFound.length > 0 && this.notFoundStyle === 'validation-exception') {
      throw new ApiError(400, 'ValidationException', `Failed to update Cost Allocation Tag: Tag keys not found: ${notFound.join(',')}`);
    }
    const errors: { TagKey: string; Code: string; Message: string }[] = [];
    const now = this.timestamp();
    for (const entry of entries) {
      const key = entry.TagKey!;
      const rejection = this.rejected.get(key);
      if (notFound.includes(key)) {
        errors.push({ TagKey: key, Code: 'TagKeysNotFoundException', Message: `Failed to update Cost Allocation Tag: Tag keys not found: ${key}` });
      } else if (rejection) {
        errors.push({ TagKey: key, Code: rejection.code, Message: rejection.message });
      } else {
        const tag = this.tags.get(key)!;
        if (tag.status !== entry.Status) {
          tag.status = entry.Status as TagStatus;
          tag.lastUpdated = now;
        }
      }
    }
    return { Errors: errors };
  }

  private startBackfill(body: Record<string, unknown>): Record<string, unknown> {
    const from = String(body.BackfillFrom ?? '');
    const now = this.now();
    if (!isBackfillStartAllowed(from, now)) {
      throw new ApiError(400, 'ValidationException', `BackfillFrom '${from}' must be the first day of a month, within the previous twelve months and not in the future`);
    }
    const last = this.backfills[this.backfills.length - 1];
    if (this.backfillRunning || (last && now.getTime() - Date.parse(last.RequestedAt) < DAY_MS)) {
      throw new ApiError(400, 'BackfillLimitExceededException', 'A backfill request is already in progress. You can only make one backfill request every 24 hours.');
    }
    const request = { BackfillFrom: from, RequestedAt: isoSeconds(now) };
    this.backfills.push(request);
    return { BackfillRequest: this.describeBackfill(request) };
  }

  private backfillHistory(body: Record<string, unknown>): Record<string, unknown> {
    const maxResults = body.MaxResults === undefined ? 100 : Number(body.MaxResults);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
      throw new ApiError(400, 'ValidationException', `1 validation error detected: Value '${body.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
    }
    const filter = 'backfill-history';
    let offset = 0;
    if (body.NextToken !== undefined && body.NextToken !== '') {
      const token = decodeToken(String(body.NextToken));
      if (!token || token.filter !== filter) {
        throw new ApiError(400, 'InvalidNextTokenException', 'The pagination token is invalid.');
      }
      offset = token.offset;
    }
    const newestFirst = [...this.backfills].reverse();
    const size = Math.min(maxResults, this.pageSizeCap ?? Infinity);
    const next = offset + size < newestFirst.length ? encodeToken({ offset: offset + size, filter }) : undefined;
    return {
      BackfillRequests: newestFirst.slice(offset, offset + size).map((r) => this.describeBackfill(r)),
      ...(next ? { NextToken: next } : {}),
    };
  }

  /** A recorded backfill as Cost Explorer describes it at the emulator's current time. */
  private describeBackfill(request: { BackfillFrom: string; RequestedAt: string }): Record<string, string> {
    const completedAt = Date.parse(request.RequestedAt) + this.backfillDurationMs;
    if (this.now().getTime() < completedAt) {
      return { ...request, BackfillStatus: 'PROCESSING', LastUpdatedAt: request.RequestedAt };
    }
    const completed = isoSeconds(new Date(completedAt));
    return { ...request, BackfillStatus: this.backfillResult, CompletedAt: completed, LastUpdatedAt: completed };
  }

  private now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }
}

export type TagStatus = 'Active' | 'Inactive';
export type NotFoundStyle = 'per-key-errors' | 'validation-exception';
export type FaultKind = 'throttle' | 'server-error' | 'drop-connection' | 'slow-answer' | 'access-denied';

/** Static test credentials; the handler gets them through the standard environment variables. */
export const DEFAULT_SIGNING: SigningExpectation = {
  accessKeyId: 'AKIDCOSTEXPLORERTEST',
  secretAccessKey: 'cost-explorer-emulator-secret',
  region: 'us-east-1',
  service: 'ce',
};

const TARGET_PREFIX = 'AWSInsightsIndexService.';

const DAY_MS = 24 * 60 * 60_000;

/** How far back Cost Explorer backfills, in months before the current one. */
const MAX_BACKFILL_MONTHS = 12;

/**
 * Cost Explorer's rule for `BackfillFrom` (aws-facts.md §3): `YYYY-MM-01T00:00:00Z`, the first day
 * of a month, from the current month (UTC) back to the same month a year earlier, 12 months back.
 */
function isBackfillStartAllowed(from: string, now: Date): boolean {
  const match = /^(\d{4})-(\d{2})-01T00:00:00Z$/.exec(from);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    return false;
  }
  const monthsBack = (now.getUTCFullYear() - Number(match[1])) * 12 + (now.getUTCMonth() + 1 - month);
  return monthsBack >= 0 && monthsBack <= MAX_BACKFILL_MONTHS;
}

/** `2025-03-21T18:33:18Z`: ISO 8601 to the second, the form Cost Explorer uses. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

interface RegisteredTag {
  readonly key: string;
  readonly type: 'UserDefined' | 'AWSGenerated';
  status: TagStatus;
  lastUpdated: string | undefined;
}

class ApiError extends Error {
  constructor(public readonly status: number, public readonly type: string, message: string) {
    super(message);
  }
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const body = JSON.parse(text.length > 0 ? text : '{}');
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      return body as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'SerializationException', 'The request body is not a JSON object');
}

function sendError(res: http.ServerResponse, error: unknown): void {
  const e = error instanceof ApiError ? error : new ApiError(500, 'InternalFailure', String(error));
  res.setHeader('x-amzn-errortype', e.type);
  send(res, e.status, { __type: e.type, message: e.message });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) {
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    // Node's own Date header ignores a faked clock. The SDK corrects its clock by this header, so
    // it comes from the same clock as the signature check, or a pinned clock would look skewed.
    'Date': new Date().toUTCString(),
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

function encodeToken(token: { offset: number; filter: string }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeToken(text: string): { offset: number; filter: string } | undefined {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64').toString('utf-8'));
    return typeof token.offset === 'number' && typeof token.filter === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
