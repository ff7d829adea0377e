/**
 * Assertion function of the cost allocation integ test: checks what the `CostAllocationTags`
 * resource reported against what Cost Explorer holds.
 *
 * "Pending" only ever means "Cost Explorer does not know the key yet" (a new key is offered for
 * activation up to 24 hours after its first use). So a key Cost Explorer lists must be active,
 * whatever the resource reported: one it lists as inactive is a key the resource could have
 * activated and did not. And at least one key must be active, or a resource that never activates
 * anything would pass by reporting every key pending; the integ test's account must therefore
 * have used at least one of the keys before (see test/integ.cost-allocation.ts).
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
  /** Every key is active in Cost Explorer, or reported pending and unknown to Cost Explorer. */
  readonly everyKeyAccountedFor: boolean;
  readonly someKeyActive: boolean;
  readonly activeInCostExplorer: string[];
  /** Keys Cost Explorer offers for activation (listed, inactive): activation never happened. */
  readonly inactiveInCostExplorer: string[];
}

const listOf = (text: string) => text.split(',').map((k) => k.trim()).filter((k) => k.length > 0);

export async function handler(event: CostAllocationStatusEvent): Promise<CostAllocationStatus> {
  const client = new CostExplorerClient({ region: 'us-east-1' });
  const active = new Set<string>();
  const inactive = new Set<string>();
  const wanted = new Set(event.tagKeys);
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListCostAllocationTagsCommand({ TagKeys: event.tagKeys, Type: 'UserDefined', NextToken: nextToken }));
    for (const tag of page.CostAllocationTags ?? []) {
      if (tag.TagKey && wanted.has(tag.TagKey)) {
        (tag.Status === 'Active' ? active : inactive).add(tag.TagKey);
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);

  const reportedActive = listOf(event.reportedActive);
  const reportedPending = new Set(listOf(event.reportedPending));
  return {
    keys: event.tagKeys.length,
    reportedActiveAreActive: reportedActive.every((key) => active.has(key)),
    everyKeyAccountedFor: event.tagKeys.every((key) => active.has(key) || (reportedPending.has(key) && !inactive.has(key))),
    someKeyActive: active.size > 0,
    activeInCostExplorer: [...active].sort(),
    inactiveInCostExplorer: [...inactive].sort(),
  };
}
