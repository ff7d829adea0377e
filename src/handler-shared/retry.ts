/**
 * Retries for Lambda handlers that call AWS APIs.
 *
 * A handler has a fixed amount of time (the Lambda timeout). Retrying until that time is gone would
 * leave no time to report the failure, so every retry here is bounded by a deadline: no attempt
 * starts after it and no wait runs past it. When the next wait would cross the deadline the last
 * error is thrown at once instead of sleeping, so the caller still has its safety margin left.
 */

/** Options of {@link withRetries}. */
export interface RetryOptions {
  /**
   * Whether a failed attempt may be tried again. Return false for final errors (bad input,
   * missing permission); they are thrown at once.
   */
  readonly isRetryable: (error: unknown) => boolean;

  /** Epoch milliseconds after which no attempt starts and no wait ends. */
  readonly deadline: number;

  /**
   * Upper bound of the first wait; each further wait doubles it (full jitter picks a random
   * wait between 0 and that bound, which spreads concurrent callers apart).
   * @default 200
   */
  readonly baseDelayMs?: number;

  /**
   * Cap of the exponential bound, so a long outage is polled at a steady rate.
   * @default 10_000
   */
  readonly maxDelayMs?: number;

  /**
   * Attempts in all, the first one included. The deadline usually ends the retries first.
   * @default Infinity
   */
  readonly maxAttempts?: number;

  /**
   * The server's own advice on when to try again (e.g. an HTTP `Retry-After` header), in
   * milliseconds, for a failed attempt. When given, the wait is that long plus the jitter.
   * @default reads a numeric `retryAfterMs` property of the error
   */
  readonly retryAfterMs?: (error: unknown) => number | undefined;

  /**
   * Time an attempt needs to have a chance. No wait is started that would leave less than this
   * before the deadline: a retry doomed to time out would only hide the real error.
   * @default 0
   */
  readonly minAttemptMs?: number;

  /** Called before each wait, e.g. to log why the handler is waiting. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** What {@link RetryOptions.onRetry} is told. */
export interface RetryEvent {
  /** The attempt that failed, starting at 1. */
  readonly attempt: number;
  /** How long the next attempt waits. */
  readonly delayMs: number;
  readonly error: unknown;
}

const DEFAULT_BASE_DELAY_MS = 200;
const DEFAULT_MAX_DELAY_MS = 10_000;

/**
 * Runs `operation` until it succeeds, fails with an error that is not retryable, runs out of
 * attempts, or would have to wait past the deadline. In the last three cases the error of the
 * last attempt is thrown unchanged, so callers see the real cause rather than a generic timeout.
 *
 * @param operation receives the attempt number, starting at 1
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const maxAttempts = options.maxAttempts ?? Infinity;
  const retryAfterOf = options.retryAfterMs ?? retryAfterProperty;

  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !options.isRetryable(error)) {
        throw error;
      }
      const delayMs = nextDelayMs(attempt, baseDelayMs, maxDelayMs, retryAfterOf(error));
      // Waiting until exactly the deadline is useless too: the next attempt could not start.
      if (Date.now() + delayMs + (options.minAttemptMs ?? 0) >= options.deadline) {
        throw error;
      }
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * The wait before the attempt after `attempt`: full jitter over a capped exponential bound. With
 * the server's `Retry-After` advice the jitter comes on top of it: retrying earlier than asked only
 * earns another throttle, and clients throttled together would otherwise all come back together.
 */
export function nextDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, retryAfterMs?: number): number {
  const bound = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.random() * bound;
  return Math.ceil((retryAfterMs ?? 0) + jittered);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function retryAfterProperty(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'retryAfterMs' in error) {
    const value = (error as { retryAfterMs: unknown }).retryAfterMs;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  return undefined;
}
