/**
 * The four Cost Explorer operations the handler uses, as plain shapes.
 *
 * The handler logic depends on this interface rather than on the SDK client, so that only the
 * Lambda entry point imports `@aws-sdk/client-cost-explorer` (the bundle pulls it in there) and the
 * logic stays free of SDK types. The shapes are the API's own field names.
 */

export type TagStatus = 'Active' | 'Inactive';

export interface ListTagsInput {
  readonly TagKeys: string[];
  readonly Type: 'UserDefined';
  readonly MaxResults: number;
  readonly NextToken?: string;
}

export interface ListedTag {
  readonly TagKey?: string;
  readonly Status?: string;
  /** When the key was last activated or deactivated, e.g. `2025-03-21T18:33:18Z`. */
  readonly LastUpdatedDate?: string;
}

export interface ListTagsOutput {
  readonly CostAllocationTags?: ListedTag[];
  readonly NextToken?: string;
}

export interface UpdateStatusInput {
  readonly CostAllocationTagsStatus: { TagKey: string; Status: TagStatus }[];
}

export interface UpdateStatusError {
  readonly TagKey?: string;
  readonly Code?: string;
  readonly Message?: string;
}

export interface UpdateStatusOutput {
  readonly Errors?: UpdateStatusError[];
}

export interface StartBackfillInput {
  /** `YYYY-MM-01T00:00:00Z` */
  readonly BackfillFrom: string;
}

export interface BackfillHistoryInput {
  /** 1 to 1000. */
  readonly MaxResults: number;
  readonly NextToken?: string;
}

/** One backfill request; the times are ISO 8601 (`2025-03-21T18:33:18Z`). */
export interface BackfillRequest {
  /** `YYYY-MM-01T00:00:00Z` */
  readonly BackfillFrom?: string;
  readonly RequestedAt?: string;
  readonly CompletedAt?: string;
  /** `PROCESSING`, `SUCCEEDED` or `FAILED`. */
  readonly BackfillStatus?: string;
  readonly LastUpdatedAt?: string;
}

export interface BackfillHistoryOutput {
  readonly BackfillRequests?: BackfillRequest[];
  readonly NextToken?: string;
}

export interface CostAllocationTagApi {
  listCostAllocationTags(input: ListTagsInput): Promise<ListTagsOutput>;
  updateCostAllocationTagsStatus(input: UpdateStatusInput): Promise<UpdateStatusOutput>;
  startCostAllocationTagBackfill(input: StartBackfillInput): Promise<unknown>;
  listCostAllocationTagBackfillHistory(input: BackfillHistoryInput): Promise<BackfillHistoryOutput>;
}
