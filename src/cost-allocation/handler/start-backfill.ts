import { BackfillOutcome } from '../resource-contract';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { errorName } from './cost-explorer-errors';

/**
 * Starts a backfill that re-applies the current status of every key to the months since
 * `backfillFrom` (`YYYY-MM-01`). Cost Explorer runs one backfill per 24 hours and answers
 * `BackfillLimitExceededException` while one runs; that is not a deployment failure, since the
 * running backfill already does the work, so it is reported as `ALREADY_RUNNING`.
 */
export async function startBackfill(api: CostAllocationTagApi, backfillFrom: string, calls: CostExplorerCalls): Promise<string> {
  try {
    await calls.run('StartCostAllocationTagBackfill', () => api.startCostAllocationTagBackfill({
      BackfillFrom: `${backfillFrom}T00:00:00Z`,
    }));
    return BackfillOutcome.STARTED;
  } catch (error) {
    if (errorName(error) === 'BackfillLimitExceededException') {
      return BackfillOutcome.ALREADY_RUNNING;
    }
    throw error;
  }
}
