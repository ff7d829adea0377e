import { describeError, isRetryableCostExplorerError } from './cost-explorer-errors';
import { logJson } from '../../handler-shared/handler-log';
import { withRetries } from '../../handler-shared/retry';

/**
 * Runs Cost Explorer calls with retries: throttling (`LimitExceededException`), server faults and
 * broken connections are retried with capped exponential backoff and jitter, never past the
 * deadline. The SDK client itself makes a single attempt, so this is the only retry loop and the
 * deadline really bounds it.
 */
export class CostExplorerCalls {
  constructor(private readonly deadline: number) {}

  public run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return withRetries(() => call(), {
      isRetryable: isRetryableCostExplorerError,
      deadline: this.deadline,
      onRetry: ({ attempt, delayMs, error }) =>
        logJson('info', 'Retrying Cost Explorer call', { operation, attempt, delayMs, error: describeError(error) }),
    });
  }
}
