import { Token } from 'aws-cdk-lib';
import { TagProblemLevel, TagTaxonomy } from '../taxonomy';

/** The problems of a selection of tags that filters billing data, split by severity. */
export interface SelectionProblems {
  readonly errors: string[];
  readonly warnings: Array<{ readonly key: string; readonly message: string }>;
}

/**
 * Checks the tags a budget or anomaly monitor selects on: keys and values against AWS's rules
 * and the taxonomy, and whether billing data can carry the key at all. Billing data only carries
 * a tag once its key is activated as a cost allocation tag; a filter on any other key matches
 * nothing, so the budget or monitor would silently see $0.
 */
export function checkTagSelection(tags: { [key: string]: string }, taxonomy: TagTaxonomy | undefined, subject: string): SelectionProblems {
  const errors: string[] = [];
  const warnings: Array<{ key: string; message: string }> = [];
  for (const problem of (taxonomy ?? new TagTaxonomy({ keys: [] }))._validateSelection(tags, subject)) {
    if (problem.level === TagProblemLevel.ERROR) {
      errors.push(problem.message);
    } else {
      warnings.push({ key: problem.key, message: problem.message });
    }
  }
  if (taxonomy) {
    for (const key of Object.keys(tags)) {
      if (Token.isUnresolved(key)) {
        continue;
      }
      const definition = taxonomy.findKey(key);
      if (definition && definition.costAllocation === false) {
        warnings.push({
          key,
          message: `${subject}: tag key '${key}' is not a cost allocation key (the taxonomy declares it with costAllocation: false), so billing data does not carry it and the selection would show $0; `
            + `set costAllocation: true on '${key}' and activate it with CostAllocationTags, or select on a cost allocation key (${taxonomy.costAllocationKeys.join(', ') || 'none'})`,
        });
      } else if (!definition && !taxonomy.keys.some((k) => k.key.toLowerCase() === key.toLowerCase())) {
        warnings.push({
          key,
          message: `${subject}: tag key '${key}' is not declared in the taxonomy, so it is not activated as a cost allocation tag with the taxonomy's keys and the selection would show $0 unless it is activated elsewhere; `
            + `declare it in the taxonomy or select on a cost allocation key (${taxonomy.costAllocationKeys.join(', ') || 'none'})`,
        });
      }
    }
  }
  return { errors, warnings };
}

/** The tags of `tags` in alphabetical order of key, so that templates do not depend on declaration order. */
export function sortedEntries(tags: { [key: string]: string }): Array<[string, string]> {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
