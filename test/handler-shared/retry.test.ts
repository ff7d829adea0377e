import { nextDelayMs, RetryEvent, withRetries } from '../../src/handler-shared/retry';

class Transient extends Error {
  constructor(public readonly retryAfterMs?: number) {
    super('transient');
  }
}

const isTransient = (error: unknown) => error instanceof Transient;

/** An operation that fails with `failures` errors (in order) before returning 'done'. */
function failingTimes(...failures: Error[]) {
  const attempts: number[] = [];
  const operation = async (attempt: number) => {
    attempts.push(attempt);
    const failure = failures[attempts.length - 1];
    if (failure) {
      throw failure;
    }
    return 'done';
  };
  return { operation, attempts };
}

describe('withRetries', () => {
  test('returns the first success without waiting', async () => {
    const { operation, attempts } = failingTimes();
    await expect(withRetries(operation, { isRetryable: isTransient, deadline: Date.now() + 1_000 })).resolves.toBe('done');
    expect(attempts).toEqual([1]);
  });

  test('retries retryable failures, numbering the attempts', async () => {
    const { operation, attempts } = failingTimes(new Transient(), new Transient());
    const retries: RetryEvent[] = [];
    const result = await withRetries(operation, {
      isRetryable: isTransient, deadline: Date.now() + 5_000, baseDelayMs: 5, onRetry: (event) => retries.push(event),
    });
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(retries.map((event) => event.attempt)).toEqual([1, 2]);
    expect(retries.every((event) => event.error instanceof Transient)).toBe(true);
  });

  test('throws a final error at once', async () => {
    const final = new Error('bad input');
    const { operation, attempts } = failingTimes(final);
    await expect(withRetries(operation, { isRetryable: isTransient, deadline: Date.now() + 5_000 })).rejects.toBe(final);
    expect(attempts).toEqual([1]);
  });

  test('stops after maxAttempts with the last error', async () => {
    const last = new Transient();
    const { operation, attempts } = failingTimes(new Transient(), last, new Transient());
    const options = { isRetryable: isTransient, deadline: Date.now() + 5_000, baseDelayMs: 1, maxAttempts: 2 };
    await expect(withRetries(operation, options)).rejects.toBe(last);
    expect(attempts).toEqual([1, 2]);
  });

  test('waits at least the retryAfterMs hint of the error', async () => {
    const { operation } = failingTimes(new Transient(300));
    const started = Date.now();
    await withRetries(operation, { isRetryable: isTransient, deadline: Date.now() + 5_000, baseDelayMs: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });

  test('takes the hint from a custom reader', async () => {
    const { operation } = failingTimes(new Transient());
    const delays: number[] = [];
    await withRetries(operation, {
      isRetryable: isTransient, deadline: Date.now() + 5_000, baseDelayMs: 1, retryAfterMs: () => 120, onRetry: (event) => delays.push(event.delayMs),
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(120);
    expect(delays[0]).toBeLessThanOrEqual(121);
  });

  test('a negative retryAfterMs on the error is no advice: the wait is the jitter alone', async () => {
    const { operation } = failingTimes(new Transient(-5_000));
    const delays: number[] = [];
    await withRetries(operation, {
      isRetryable: isTransient, deadline: Date.now() + 5_000, baseDelayMs: 1, onRetry: (event) => delays.push(event.delayMs),
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(0);
    expect(delays[0]).toBeLessThanOrEqual(1);
  });

  test('a thrown null or undefined that the caller calls retryable is retried without advice', async () => {
    const thrown: unknown[] = [null, undefined];
    const attempts: number[] = [];
    const delays: number[] = [];
    const result = await withRetries(async (attempt) => {
      attempts.push(attempt);
      if (attempt <= thrown.length) {
        throw thrown[attempt - 1];
      }
      return 'done';
    }, {
      isRetryable: (error) => error === null || error === undefined,
      deadline: Date.now() + 5_000,
      baseDelayMs: 1,
      onRetry: (event) => delays.push(event.delayMs),
    });
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(delays.every((delay) => delay >= 0 && delay <= 2)).toBe(true);
  });

  test('gives up at once rather than wait past the deadline', async () => {
    const throttled = new Transient(2_000);
    const { operation, attempts } = failingTimes(throttled);
    const onRetry = jest.fn();
    const started = Date.now();
    await expect(withRetries(operation, { isRetryable: isTransient, deadline: Date.now() + 500, onRetry })).rejects.toBe(throttled);
    // No wait began; the clock only guards against one that is not announced.
    expect(onRetry).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(500);
    expect(attempts).toEqual([1]);
  });

  test('does not wait for an attempt that would have less than minAttemptMs', async () => {
    const throttled = new Transient(100);
    const { operation, attempts } = failingTimes(throttled);
    const onRetry = jest.fn();
    const started = Date.now();
    const options = { isRetryable: isTransient, deadline: Date.now() + 250, minAttemptMs: 200, onRetry };
    await expect(withRetries(operation, options)).rejects.toBe(throttled);
    expect(onRetry).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(250);
    expect(attempts).toEqual([1]);
  });

  test('keeps trying a persistent failure until the deadline, and not beyond', async () => {
    let attempts = 0;
    const started = Date.now();
    const deadline = started + 400;
    await expect(withRetries(async () => {
      attempts++;
      throw new Transient();
    }, { isRetryable: isTransient, deadline, baseDelayMs: 10, maxDelayMs: 40 })).rejects.toBeInstanceOf(Transient);
    expect(Date.now()).toBeLessThanOrEqual(deadline + 100);
    expect(attempts).toBeGreaterThan(3);
  });
});

describe('nextDelayMs', () => {
  test('draws full jitter under a doubling bound', () => {
    const samples = Array.from({ length: 500 }, () => nextDelayMs(3, 100, 10_000));
    expect(Math.max(...samples)).toBeLessThanOrEqual(400);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    // Spread over the whole range, not a constant: both halves are hit.
    expect(samples.some((delay) => delay < 200)).toBe(true);
    expect(samples.some((delay) => delay > 200)).toBe(true);
  });

  test('caps the bound at maxDelayMs', () => {
    const samples = Array.from({ length: 200 }, () => nextDelayMs(30, 100, 1_000));
    expect(Math.max(...samples)).toBeLessThanOrEqual(1_000);
    expect(samples.some((delay) => delay > 500)).toBe(true);
  });

  test('waits what the server asked, plus the jitter that spreads clients throttled together', () => {
    const samples = Array.from({ length: 200 }, () => nextDelayMs(2, 100, 1_000, 3_000));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(3_000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(3_200);
    expect(new Set(samples).size).toBeGreaterThan(10);
  });
});
