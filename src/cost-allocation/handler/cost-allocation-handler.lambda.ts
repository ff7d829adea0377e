/**
 * Lambda entry point of CostAllocationTags, bundled with its dependencies (the AWS SDK included)
 * into assets/ so that the code tested is the code uploaded.
 *
 * One bundle serves two functions: the custom resource provider's onEvent handler, which gets
 * CloudFormation events, and the retry activator, which gets the retry schedule's payload.
 */
import {
  CostExplorerClient,
  ListCostAllocationTagBackfillHistoryCommand,
  ListCostAllocationTagsCommand,
  StartCostAllocationTagBackfillCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
// eslint-disable-next-line import/no-extraneous-dependencies
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { activatePending, isRetryEvent, RetryEvent, RetryResult } from './activate-pending';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { deadlineFrom } from './deadline';
import { onEvent, OnEventResult } from './on-event';
import { ScheduleApi } from './retry-schedule';
import { lambdaCredentials } from '../../handler-shared/lambda-credentials';

/**
 * Cost Explorer has a single endpoint, in us-east-1, whatever region the function runs in.
 * `AWS_ENDPOINT_URL_COST_EXPLORER` still overrides the endpoint (the SDK reads it itself).
 */
const COST_EXPLORER_REGION = 'us-east-1';

let client: CostExplorerClient | undefined;

function costExplorer(deadline: number): CostAllocationTagApi {
  client ??= new CostExplorerClient({
    region: COST_EXPLORER_REGION,
    credentials: lambdaCredentials(),
    // One attempt per call: CostExplorerCalls retries, bounded by the Lambda's remaining time.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  const ce = client;
  // The SDK's own request timeout is longer than the margin kept after the deadline.
  const bounded = () => ({ abortSignal: abortAt(deadline, 'Cost Explorer') });
  return {
    listCostAllocationTags: (input) => ce.send(new ListCostAllocationTagsCommand(input), bounded()),
    updateCostAllocationTagsStatus: (input) => ce.send(new UpdateCostAllocationTagsStatusCommand(input), bounded()),
    startCostAllocationTagBackfill: (input) => ce.send(new StartCostAllocationTagBackfillCommand(input), bounded()),
    listCostAllocationTagBackfillHistory: (input) => ce.send(new ListCostAllocationTagBackfillHistoryCommand(input), bounded()),
  };
}

let schedulerClient: SchedulerClient | undefined;

/**
 * EventBridge Scheduler in the function's own region, where its schedules are. Created only when a
 * run turns its schedule off. `AWS_ENDPOINT_URL_SCHEDULER` overrides the endpoint.
 */
function scheduler(deadline: number): ScheduleApi {
  schedulerClient ??= new SchedulerClient({
    credentials: lambdaCredentials(),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  const sc = schedulerClient;
  const bounded = () => ({ abortSignal: abortAt(deadline, 'EventBridge Scheduler') });
  return {
    getSchedule: (input) => sc.send(new GetScheduleCommand(input), bounded()),
    updateSchedule: (input) => sc.send(new UpdateScheduleCommand(input as ConstructorParameters<typeof UpdateScheduleCommand>[0]), bounded()),
  };
}

/** Aborts a call still unanswered at the deadline, so the handler keeps its time to report. */
function abortAt(deadline: number, service: string): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(`no answer from ${service} before the handler's deadline`), Math.max(0, deadline - Date.now())).unref();
  return controller.signal;
}

export async function handler(event: CloudFormationCustomResourceEvent | RetryEvent, context?: Context): Promise<OnEventResult | RetryResult> {
  const deadline = deadlineFrom(context);
  const calls = new CostExplorerCalls(deadline);
  if (isRetryEvent(event)) {
    return activatePending(event, costExplorer(deadline), calls, () => scheduler(deadline));
  }
  if (!['Create', 'Update', 'Delete'].includes((event as { RequestType?: string }).RequestType ?? '')) {
    throw new Error(`Unsupported event: expected a CloudFormation custom resource event or the retry schedule's payload, got ${JSON.stringify(event).slice(0, 300)}`);
  }
  return onEvent(event as CloudFormationCustomResourceEvent, costExplorer(deadline), calls);
}
