/**
 * Assertion function of the cost allocation integ test: checks what the `CostAllocationTags`
 * resource reported against what Cost Explorer holds.
 *
 * A key is accounted for when Cost Explorer lists it as active, or when the resource reported it
 * pending and Cost Explorer does not list it as active yet (new keys become available up to 24
 * hours after first use). A key the resource reported active must be active in Cost Explorer.
 */
// eslint-disable-next-line import/no-extraneous-dependencies
import { CostExplorerClient, ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';

export interface CostAllocationStatusEvent {
  readonly tagKeys: string[];
  /** The resource's ActiveTagKeys attribute (comma-separated). */
  readonly reportedActive: string;
  /** The resource's PendingTagKeys attribute (comma-separated). */
  readonly reportedPending: string;
}

export interface CostAllocationStatus {
  readonly keys: number;
  readonly reportedActiveAreActive: boolean;
  readonly everyKeyAccountedFor: boolean;
  readonly activeInCostExplorer: string[];
}

const listOf = (text: string) => text.split(',').map((k) => k.trim()).filter((k) => k.length > 0);

export async function handler(event: CostAllocationStatusEvent): Promise<CostAllocationStatus> {
  const client = new CostExplorerClient({ region: 'us-east-1' });
  const active = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListCostAllocationTagsCommand({ TagKeys: event.tagKeys, NextToken: nextToken }));
    for (const tag of page.CostAllocationTags ?? []) {
      if (tag.TagKey && tag.Status === 'Active') {
        active.add(tag.TagKey);
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);

  const reportedActive = listOf(event.reportedActive);
  const reportedPending = new Set(listOf(event.reportedPending));
  return {
    keys: event.tagKeys.length,
    reportedActiveAreActive: reportedActive.every((key) => active.has(key)),
    everyKeyAccountedFor: event.tagKeys.every((key) => active.has(key) || reportedPending.has(key)),
    activeInCostExplorer: [...active].sort(),
  };
}
