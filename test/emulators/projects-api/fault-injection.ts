/**
 * Faults the emulator injects on demand: what a real service does on a bad day (throttling,
 * server errors, slow answers, dropped connections) and a request-rate limit.
 */

/** The operations, named like their IAM actions; `Unknown` is any other route. */
export type ProjectsApiOperation = 'ListProjects' | 'CreateProject' | 'GetProject' | 'UpdateProject' | 'ArchiveProject' | 'Unknown';

export const PROJECTS_API_OPERATIONS: readonly ProjectsApiOperation[] = ['ListProjects', 'CreateProject', 'GetProject', 'UpdateProject', 'ArchiveProject'];

export type FaultKind =
  /** 429 with `Retry-After`. */
  | 'throttle'
  /** An error status (500 unless told), with a JSON body unless `body` is given. */
  | 'error'
  /** The answer comes `delayMs` late; the request itself takes effect at once. */
  | 'delay'
  /** The connection is destroyed without an answer. */
  | 'drop';

export interface FaultSpec {
  /** Which operation's requests get the fault; `*` for all. */
  readonly operation: ProjectsApiOperation | '*';
  readonly kind: FaultKind;
  /** How many matching requests get it. @default every one until cleared */
  readonly count?: number;
  /** How many matching requests pass untouched before the fault starts. @default 0 */
  readonly skip?: number;
  /** For `error`. @default 500 */
  readonly status?: number;
  /** For `error`: a raw body (e.g. an HTML page from a proxy) instead of the JSON error. */
  readonly body?: string;
  /** For `throttle` (and `error`, when set). @default 1 for throttle */
  readonly retryAfterSeconds?: number;
  /** For `delay`. @default 1000 */
  readonly delayMs?: number;
  /**
   * For `throttle`, `error` and `drop`: let the request take effect first, then fail its answer —
   * the case where a client cannot know whether its write happened.
   */
  readonly afterProcessing?: boolean;
}

export interface RateLimit {
  /** Tokens added per second. */
  readonly requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  readonly burst: number;
  /** The `Retry-After` sent with the 429. @default the seconds until a token is back, at least 1 */
  readonly retryAfterSeconds?: number;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  toSkip: number;
  remaining: number;
}

export class FaultInjector {
  /** How many requests got each kind of fault (rate-limit 429s count as `rateLimited`). */
  public readonly applied: Record<FaultKind | 'rateLimited', number> = { throttle: 0, error: 0, delay: 0, drop: 0, rateLimited: 0 };

  private faults: ActiveFault[] = [];
  private rateLimit?: RateLimit;
  private tokens = 0;
  private refilledAt = 0;

  /** Adds a fault; the earliest added matching fault applies first. */
  public inject(spec: FaultSpec): void {
    this.faults.push({ spec, toSkip: spec.skip ?? 0, remaining: spec.count ?? Infinity });
  }

  /** Removes every fault and the rate limit. */
  public clear(): void {
    this.faults = [];
    this.rateLimit = undefined;
  }

  /** The fault for the next request of `operation`, counting it as used. */
  public take(operation: ProjectsApiOperation): FaultSpec | undefined {
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && (candidate.spec.operation === '*' || candidate.spec.operation === operation));
    if (fault === undefined) {
      return undefined;
    }
    if (fault.toSkip > 0) {
      fault.toSkip--;
      return undefined;
    }
    fault.remaining--;
    this.applied[fault.spec.kind]++;
    return fault.spec;
  }

  /** Starts (or with undefined, stops) a token-bucket limit on all requests. */
  public setRateLimit(limit: RateLimit | undefined): void {
    this.rateLimit = limit;
    this.tokens = limit?.burst ?? 0;
    this.refilledAt = Date.now();
  }

  /** Takes a token; when none is left, the `Retry-After` seconds for the 429. */
  public throttledFor(): number | undefined {
    const limit = this.rateLimit;
    if (limit === undefined) {
      return undefined;
    }
    const now = Date.now();
    this.tokens = Math.min(limit.burst, this.tokens + ((now - this.refilledAt) / 1000) * limit.requestsPerSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    this.applied.rateLimited++;
    return limit.retryAfterSeconds ?? Math.max(1, Math.ceil((1 - this.tokens) / limit.requestsPerSecond));
  }
}
