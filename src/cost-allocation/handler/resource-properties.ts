import { ResourceProperty } from '../resource-contract';

/** The custom resource's properties, parsed from the strings CloudFormation delivers. */
export interface CostAllocationTagsProperties {
  readonly tagKeys: string[];
  /** `YYYY-MM-01`, or undefined when no backfill is configured. */
  readonly backfillFrom?: string;
  readonly deactivateOnDelete: boolean;
}

/**
 * Parses resource properties. The construct sends `TagKeys` as a list; a JSON-encoded list is
 * accepted too, because CloudFormation hands some token-built values over as strings.
 */
export function parseProperties(raw: Record<string, unknown> | undefined): CostAllocationTagsProperties {
  const props = raw ?? {};
  const backfillFrom = props[ResourceProperty.BACKFILL_FROM];
  return {
    tagKeys: parseTagKeys(props[ResourceProperty.TAG_KEYS]),
    backfillFrom: typeof backfillFrom === 'string' && backfillFrom.length > 0 ? backfillFrom : undefined,
    deactivateOnDelete: String(props[ResourceProperty.DEACTIVATE_ON_DELETE]).toLowerCase() === 'true',
  };
}

export function parseTagKeys(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new Error(`Property ${ResourceProperty.TAG_KEYS} must be a list of tag keys, got the string ${JSON.stringify(value)}`);
    }
  }
  if (!Array.isArray(list) || list.some((k) => typeof k !== 'string' || k.length === 0)) {
    throw new Error(`Property ${ResourceProperty.TAG_KEYS} must be a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  // Deduplicated again: the construct already does it, but a hand-written template may not.
  return [...new Set(list as string[])];
}
