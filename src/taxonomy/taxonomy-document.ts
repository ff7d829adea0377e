import { TagKeyDefinition } from './tag-key-definition';

const KEY_FIELDS: { [field: string]: 'string' | 'boolean' | 'string[]' } = {
  key: 'string',
  required: 'boolean',
  allowedValues: 'string[]',
  pattern: 'string',
  costAllocation: 'boolean',
  description: 'string',
};

/** The parsed shape of a taxonomy document. */
export interface TaxonomyDocument {
  readonly keys: TagKeyDefinition[];
  readonly allowUndeclaredKeys?: boolean;
}

/** A taxonomy document read as far as its shape allows, with every shape problem. */
export interface CheckedTaxonomyDocument {
  /** The document with only its well-shaped key definitions, for checking their rules too. */
  readonly document: TaxonomyDocument;
  readonly problems: string[];
}

/**
 * Checks the shape of a taxonomy loaded from JSON, naming the field of every problem: a FinOps
 * team edits this file by hand, and a typo must not pass silently. The well-shaped key
 * definitions are returned, so that their own rules can be checked in the same pass.
 */
export function checkTaxonomyDocument(document: unknown): CheckedTaxonomyDocument {
  const problems: string[] = [];
  const wellShaped: TagKeyDefinition[] = [];
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return {
      document: { keys: [] },
      problems: ['it must hold a JSON object like {"keys": [{"key": "CostCenter"}]}'],
    };
  }
  const { keys, allowUndeclaredKeys, ...unknown } = document as { [field: string]: unknown };
  Object.keys(unknown).forEach((field) => problems.push(`unknown field '${field}'; allowed: keys, allowUndeclaredKeys`));
  if (allowUndeclaredKeys !== undefined && typeof allowUndeclaredKeys !== 'boolean') {
    problems.push(`'allowUndeclaredKeys' must be true or false, not ${JSON.stringify(allowUndeclaredKeys)}`);
  }
  if (!Array.isArray(keys)) {
    problems.push(`'keys' must be a list of key definitions, not ${JSON.stringify(keys)}`);
  } else {
    keys.forEach((entry, i) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`keys[${i}] must be an object like {"key": "CostCenter"}, not ${JSON.stringify(entry)}`);
        return;
      }
      const before = problems.length;
      for (const [field, value] of Object.entries(entry)) {
        // Own properties only, so that a field named `constructor` or `__proto__` is reported as
        // unknown rather than checked against what every object inherits.
        const expected = Object.hasOwn(KEY_FIELDS, field) ? KEY_FIELDS[field] : undefined;
        if (!expected) {
          problems.push(`keys[${i}] has unknown field '${field}'; allowed: ${Object.keys(KEY_FIELDS).join(', ')}`);
        } else if (!hasType(value, expected)) {
          problems.push(`keys[${i}].${field} must be a ${expected}, not ${JSON.stringify(value)}`);
        }
      }
      if (!Object.hasOwn(entry, 'key')) {
        problems.push(`keys[${i}] has no 'key'`);
      }
      if (problems.length === before) {
        wellShaped.push(entry as TagKeyDefinition);
      }
    });
  }
  return {
    document: { keys: wellShaped, allowUndeclaredKeys: typeof allowUndeclaredKeys === 'boolean' ? allowUndeclaredKeys : undefined },
    problems,
  };
}

function hasType(value: unknown, expected: 'string' | 'boolean' | 'string[]'): boolean {
  if (expected === 'string[]') {
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
  return typeof value === expected;
}
