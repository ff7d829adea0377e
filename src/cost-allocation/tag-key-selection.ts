import { Token } from 'aws-cdk-lib';
import { MAX_ACTIVE_TAG_KEYS } from './resource-contract';
import { awsTagKeyProblems } from '../taxonomy/aws-tag-rules';

/** The keys a `CostAllocationTags` activates, with what synth-time checks found in them. */
export interface TagKeySelection {
  /** Deduplicated and sorted, so the template does not change when the input order does. */
  readonly keys: string[];
  /** Groups of keys that differ only by case (each group sorted). */
  readonly caseCollisions: string[][];
  /** `'<key>' <problem>` for every key AWS would reject. */
  readonly problems: string[];
}

/**
 * Unions, deduplicates, sorts and checks tag keys. Unresolved tokens are kept but not checked:
 * their value is only known at deploy time.
 */
export function selectTagKeys(...sources: (readonly string[] | undefined)[]): TagKeySelection {
  const keys = [...new Set(sources.flatMap((s) => s ?? []))].sort();

  const problems: string[] = [];
  const byLowerCase = new Map<string, string[]>();
  for (const key of keys) {
    if (Token.isUnresolved(key)) {
      continue;
    }
    for (const problem of awsTagKeyProblems(key)) {
      problems.push(`'${key}' ${problem}`);
    }
    const group = byLowerCase.get(key.toLowerCase()) ?? [];
    group.push(key);
    byLowerCase.set(key.toLowerCase(), group);
  }
  if (keys.length > MAX_ACTIVE_TAG_KEYS) {
    problems.push(`${keys.length} keys exceed the quota of ${MAX_ACTIVE_TAG_KEYS} active cost allocation tag keys per payer account`);
  }
  return {
    keys,
    caseCollisions: [...byLowerCase.values()].filter((g) => g.length > 1),
    problems,
  };
}
