import { UPDATE_BATCH_LIMIT } from '../resource-contract';
import { CostAllocationTagApi, TagStatus, UpdateStatusError } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { keysNotFoundIn, TAG_KEYS_NOT_FOUND } from './cost-explorer-errors';
import { chunks } from './read-tag-statuses';

/**
 * What a status change did, filled in as batches complete, so a caller whose later batch throws
 * still knows which keys an earlier batch already changed (and can undo them).
 */
export interface StatusChangeProgress {
  /** Keys whose status was set. */
  readonly changed: string[];
  /** Keys Cost Explorer reported as not found: not in billing data yet. */
  readonly notFound: string[];
  /** Per-key errors other than "not found". */
  readonly failed: UpdateStatusError[];
}

export function newProgress(): StatusChangeProgress {
  return { changed: [], notFound: [], failed: [] };
}

/**
 * Sets `status` on `keys` with `UpdateCostAllocationTagsStatus`, at most 20 keys per call.
 *
 * Cost Explorer reports keys it has not registered in two ways, and both are handled: an HTTP 200
 * answer with a per-key `Errors` entry (`TagKeysNotFoundException`), where the other keys of the
 * batch were updated; and a top-level `ValidationException ... Tag keys not found: a,b`, where the
 * whole batch was rejected, so the batch is sent again without the keys it named.
 */
export async function updateTagStatuses(
  api: CostAllocationTagApi,
  keys: readonly string[],
  status: TagStatus,
  calls: CostExplorerCalls,
  progress: StatusChangeProgress,
): Promise<void> {
  for (const batch of chunks(keys, UPDATE_BATCH_LIMIT)) {
    let remaining = batch;
    while (remaining.length > 0) {
      const sent = remaining;
      let errors: UpdateStatusError[];
      try {
        const answer = await calls.run('UpdateCostAllocationTagsStatus', () => api.updateCostAllocationTagsStatus({
          CostAllocationTagsStatus: sent.map((TagKey) => ({ TagKey, Status: status })),
        }));
        errors = answer.Errors ?? [];
      } catch (error) {
        const named = keysNotFoundIn(error);
        const missing = named ? sent.filter((k) => named.includes(k) || named.includes(k.trim())) : [];
        // Only a message that names keys of this batch can be acted on; anything else is final.
        if (missing.length === 0) {
          throw error;
        }
        progress.notFound.push(...missing);
        remaining = sent.filter((k) => !missing.includes(k));
        continue;
      }
      const erred = new Set<string>();
      for (const e of errors) {
        if (e.TagKey !== undefined) {
          erred.add(e.TagKey);
        }
        if (e.Code === TAG_KEYS_NOT_FOUND && e.TagKey !== undefined) {
          progress.notFound.push(e.TagKey);
        } else {
          progress.failed.push(e);
        }
      }
      progress.changed.push(...sent.filter((k) => !erred.has(k)));
      remaining = [];
    }
  }
}
