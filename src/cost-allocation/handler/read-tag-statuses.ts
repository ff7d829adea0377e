import { LIST_TAG_KEYS_LIMIT } from '../resource-contract';
import { CostAllocationTagApi, TagStatus } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';

/** What Cost Explorer reports about a registered key. */
export interface TagState {
  readonly status: TagStatus;
  /** When the key was last activated or deactivated, as Cost Explorer wrote it; absent if never. */
  readonly lastUpdatedDate?: string;
}

/** The state Cost Explorer reports for each requested key that it has registered. */
export type TagStatuses = Map<string, TagState>;

/**
 * Looks up the status of `keys`. Keys Cost Explorer has never seen in billing data are absent
 * from the result, which is how the caller tells "pending" from "inactive".
 *
 * `ListCostAllocationTags` accepts 1 to 100 keys per call, so keys go in chunks of 100, and each
 * chunk follows `NextToken` because the service may page even a filtered answer.
 */
export async function readTagStatuses(api: CostAllocationTagApi, keys: readonly string[], calls: CostExplorerCalls): Promise<TagStatuses> {
  const statuses: TagStatuses = new Map();
  const wanted = new Set(keys);
  for (const chunk of chunks(keys, LIST_TAG_KEYS_LIMIT)) {
    let nextToken: string | undefined;
    do {
      const page = await calls.run('ListCostAllocationTags', () => api.listCostAllocationTags({
        TagKeys: chunk,
        Type: 'UserDefined',
        MaxResults: LIST_TAG_KEYS_LIMIT,
        NextToken: nextToken,
      }));
      for (const tag of page.CostAllocationTags ?? []) {
        // Keys are case-sensitive: only an exact match is the key that was asked for.
        if (tag.TagKey !== undefined && wanted.has(tag.TagKey)) {
          statuses.set(tag.TagKey, {
            status: tag.Status === 'Active' ? 'Active' : 'Inactive',
            lastUpdatedDate: tag.LastUpdatedDate || undefined,
          });
        }
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
  }
  return statuses;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
