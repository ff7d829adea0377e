import { Token } from 'aws-cdk-lib';
import { awsTagKeyProblems, awsTagValueProblems, MAX_TAGS_PER_PROJECT } from './aws-tag-rules';
import { TagKeyDefinition } from './tag-key-definition';
import { TagProblem, TagProblemLevel } from './tag-problem';

/** A taxonomy key with its defaults applied and its pattern compiled. */
export interface ResolvedTagKey {
  readonly definition: TagKeyDefinition;
  readonly required: boolean;
  readonly matcher?: RegExp;
}

/** What a tag set is checked against. */
export interface TagSetRules {
  readonly keys: ResolvedTagKey[];
  readonly allowUndeclaredKeys: boolean;
  /**
   * Most tags the set may hold, and why when it is fewer than AWS's limit.
   * @default - AWS's limit of 200 tags per project
   */
  readonly tagLimit?: { readonly max: number; readonly reason: string };
  /**
   * Whether the set must carry the taxonomy's required keys. A selection of tags (a budget's
   * filter, for instance) names only the keys it filters on.
   * @default true
   */
  readonly checkRequiredKeys?: boolean;
}

/**
 * Checks a tag set against AWS's tag rules and a taxonomy, returning every problem at once
 * so that a user fixes them in one round rather than one synth per typo.
 */
export function validateTagSet(rules: TagSetRules, tags: { [key: string]: string }, subject: string): TagProblem[] {
  const problems: TagProblem[] = [];
  const error = (key: string, message: string, value?: string) =>
    problems.push({ level: TagProblemLevel.ERROR, key, value, message: `${subject}: ${message}` });
  const warning = (key: string, message: string) =>
    problems.push({ level: TagProblemLevel.WARNING, key, message: `${subject}: ${message}` });

  const entries = Object.entries(tags);
  const limit = rules.tagLimit ?? { max: MAX_TAGS_PER_PROJECT, reason: '' };
  if (entries.length > limit.max) {
    error('*', `has ${entries.length} tags but a Bedrock project may carry at most ${limit.max}${limit.reason}; remove ${entries.length - limit.max}`);
  }

  const declared = new Map(rules.keys.map((k) => [k.definition.key, k]));
  const declaredByLowerCase = new Map(rules.keys.map((k) => [k.definition.key.toLowerCase(), k.definition.key]));
  const seenByLowerCase = new Map<string, string>();

  for (const [key, value] of entries) {
    if (Token.isUnresolved(key)) {
      warning(key, `has a tag key that is only known at deploy time (${key}); it cannot be checked against the taxonomy at synth time`);
      continue;
    }
    for (const problem of awsTagKeyProblems(key)) {
      error(key, `tag key '${key}' ${problem}`);
    }

    const earlier = seenByLowerCase.get(key.toLowerCase());
    if (earlier !== undefined) {
      error(key, `tag keys '${earlier}' and '${key}' differ only by case; cost allocation tags are case-sensitive, so they would split cost reports. Keep one`);
    }
    seenByLowerCase.set(key.toLowerCase(), key);

    const definition = declared.get(key);
    if (!definition) {
      const intended = declaredByLowerCase.get(key.toLowerCase());
      if (intended !== undefined) {
        error(key, `tag key '${key}' differs from the taxonomy key '${intended}' only by case; cost allocation tags are case-sensitive, so it would split cost reports. Rename it to '${intended}'`);
      } else if (!rules.allowUndeclaredKeys) {
        error(key, `tag key '${key}' is not in the taxonomy; use one of: ${[...declared.keys()].join(', ')}`);
      }
    }

    if (Token.isUnresolved(value)) {
      warning(key, `tag '${key}' has a value that is only known at deploy time (${value}); it cannot be checked at synth time`);
      continue;
    }
    for (const problem of awsTagValueProblems(value)) {
      error(key, `tag '${key}' has value '${value}', which ${problem}`, value);
    }
    if (definition) {
      valueProblem(definition, value).forEach((message) => error(key, `tag '${key}' has value '${value}', ${message}`, value));
    }
  }

  for (const key of (rules.checkRequiredKeys ?? true) ? rules.keys : []) {
    const name = key.definition.key;
    // Own properties only: `in` also sees what every object inherits, so a required key named
    // `constructor`, `toString` or `__proto__` would never be reported missing.
    if (key.required && !Object.hasOwn(tags, name) && !seenByLowerCase.has(name.toLowerCase())) {
      error(name, `is missing the required tag '${name}'${describeAllowed(key.definition, ' (', ')')}; add it to the project's tags or with Tags.of(scope).add('${name}', ...)`);
    }
  }
  return problems;
}

function valueProblem(key: ResolvedTagKey, value: string): string[] {
  const allowed = key.definition.allowedValues;
  if (allowed && !allowed.includes(value)) {
    const sameButCase = allowed.find((v) => v.toLowerCase() === value.toLowerCase());
    const hint = sameButCase ? `; did you mean '${sameButCase}'?` : '';
    return [`which is not allowed; allowed values: ${allowed.join(', ')}${hint}`];
  }
  if (key.matcher && !key.matcher.test(value)) {
    return [`which does not match the pattern ${key.definition.pattern}`];
  }
  return [];
}

/** Describes a key's accepted values, e.g. ` (allowed values: A, B)`; empty when any value goes. */
export function describeAllowed(definition: TagKeyDefinition, prefix = '', suffix = ''): string {
  if (definition.allowedValues) {
    return `${prefix}allowed values: ${definition.allowedValues.join(', ')}${suffix}`;
  }
  if (definition.pattern !== undefined) {
    return `${prefix}pattern: ${definition.pattern}${suffix}`;
  }
  return '';
}
