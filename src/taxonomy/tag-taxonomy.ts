import * as fs from 'fs';
import { awsTagKeyProblems, awsTagValueProblems } from './aws-tag-rules';
import { OrganizationsTagPolicy, OrganizationsTagPolicyOptions } from './organizations-tag-policy';
import { TagKeyDefinition } from './tag-key-definition';
import { TagProblem } from './tag-problem';
import { ResolvedTagKey, validateTagSet } from './tag-set-validation';
import { checkTaxonomyDocument } from './taxonomy-document';
import { unscopedValidationError } from '../validation-error';

/**
 * Properties of a {@link TagTaxonomy}.
 */
export interface TagTaxonomyProps {
  /**
   * The keys of the taxonomy.
   */
  readonly keys: TagKeyDefinition[];

  /**
   * Whether projects may carry tag keys that the taxonomy does not declare.
   *
   * Keys that differ from a declared key only by case are always rejected, because cost
   * allocation tags are case-sensitive and such a key would split cost reports.
   *
   * @default true
   */
  readonly allowUndeclaredKeys?: boolean;
}

/**
 * The schema of the tags an organization allows on its Bedrock projects.
 *
 * A taxonomy checks tag sets at synth time against its own keys and against AWS's tag rules
 * (key and value lengths, characters, the reserved `aws:` prefix, 200 tags per project), and
 * names the keys to activate as cost allocation tags.
 *
 * @example
 * const taxonomy = new TagTaxonomy({
 *   keys: [
 *     { key: 'CostCenter', pattern: "^CC-\\d{4}$" },
 *     { key: 'Owner', required: false },
 *   ],
 * });
 */
export class TagTaxonomy {
  /**
   * Loads a taxonomy from a JSON file that a FinOps team keeps, shaped like
   * {@link TagTaxonomyProps}: `{ "keys": [{ "key": "CostCenter", "pattern": "^CC-\\d{4}$" }] }`.
   *
   * @param path the path of the JSON file
   */
  public static fromFile(path: string): TagTaxonomy {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf-8');
    } catch (e) {
      throw unscopedValidationError('TagTaxonomyFileUnreadable', `Cannot read the tag taxonomy file '${path}': ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw unscopedValidationError('TagTaxonomyFileInvalid', `The tag taxonomy file '${path}' is not valid JSON: ${(e as Error).message}`);
    }
    // Shape and rules are checked in one pass, so that one run reports every mistake in the file.
    const { document, problems } = checkTaxonomyDocument(parsed);
    problems.push(...definitionProblems(document.keys));
    if (problems.length > 0) {
      throw unscopedValidationError('TagTaxonomyFileInvalid', `Invalid tag taxonomy file '${path}':\n  - ${problems.join('\n  - ')}`);
    }
    return new TagTaxonomy(document);
  }

  /**
   * The example taxonomy used throughout this library's documentation: Application,
   * Environment, Team and CostCenter (`CC-` and four digits) are required, Owner is optional.
   */
  public static example(): TagTaxonomy {
    return new TagTaxonomy({
      keys: [
        {
          key: 'Application',
          allowedValues: ['CustomerChatbot', 'Experiments', 'DataAnalytics'],
          description: 'The workload the spend belongs to',
        },
        {
          key: 'Environment',
          allowedValues: ['Production', 'Development', 'Staging', 'Research'],
          description: 'The deployment stage of the workload',
        },
        {
          key: 'Team',
          allowedValues: ['CustomerExperience', 'PlatformEngineering', 'DataScience'],
          description: 'The team that owns the workload',
        },
        {
          key: 'CostCenter',
          pattern: '^CC-\\d{4}$',
          description: 'The finance cost center that pays, CC- and four digits',
        },
        {
          key: 'Owner',
          required: false,
          description: 'The person or group to contact about the project',
        },
      ],
    });
  }

  /** The taxonomy's keys, with defaults applied, in declaration order. */
  public readonly keys: TagKeyDefinition[];

  /** The keys to activate as cost allocation tags, in declaration order. */
  public readonly costAllocationKeys: string[];

  /** The keys every project must carry, in declaration order. */
  public readonly requiredKeys: string[];

  /** Whether projects may carry keys the taxonomy does not declare. */
  public readonly allowUndeclaredKeys: boolean;

  private readonly resolved: ResolvedTagKey[];

  /**
   * Tag sets already found valid, with the limit they were checked under. Projects usually
   * share a few tag sets, and a set that is valid stays valid whatever carries it, so each is
   * checked once rather than once per project.
   */
  private readonly validTagSets = new Set<string>();

  public constructor(props: TagTaxonomyProps) {
    const problems = definitionProblems(props.keys ?? []);
    if (problems.length > 0) {
      throw unscopedValidationError('TagTaxonomyInvalid', `Invalid tag taxonomy:\n  - ${problems.join('\n  - ')}`);
    }
    this.allowUndeclaredKeys = props.allowUndeclaredKeys ?? true;
    this.keys = props.keys.map((k) => ({
      ...k,
      required: k.required ?? true,
      costAllocation: k.costAllocation ?? true,
    }));
    this.resolved = this.keys.map((definition) => ({
      definition,
      required: definition.required!,
      // Anchored, so that a value must match the pattern in full, as the definition documents.
      matcher: definition.pattern !== undefined ? new RegExp(`^(?:${definition.pattern})$`, 'u') : undefined,
    }));
    this.costAllocationKeys = this.keys.filter((k) => k.costAllocation).map((k) => k.key);
    this.requiredKeys = this.keys.filter((k) => k.required).map((k) => k.key);
  }

  /**
   * The definition of a key, or `undefined` when the taxonomy does not declare it.
   */
  public findKey(key: string): TagKeyDefinition | undefined {
    return this.keys.find((k) => k.key === key);
  }

  /**
   * Renders the taxonomy as an AWS Organizations tag policy document:
   * `{ "tags": { "costcenter": { "tag_key": { "@@assign": "CostCenter" }, "tag_value": { "@@assign": ["CC-*"] } } } }`.
   *
   * Allowed values map directly. A pattern is read as matching the whole value, as `validate`
   * reads it, and maps to literal values, or to values with one `*` wildcard between its fixed
   * prefix and suffix (`CC-\d{4}` and `^CC-\d{4}$` both become `CC-*`); a pattern that fixes
   * neither end of the value gets no `tag_value`, so any value is compliant.
   * `OrganizationsTagPolicy.fromTaxonomy(taxonomy).approximations`
   * lists every key where the policy is looser than the taxonomy. A tag policy also cannot
   * require a key or reject undeclared keys.
   *
   * AWS cannot enforce tag policies on Bedrock projects: they are not in the Organizations
   * enforcement table. The synth-time validation of `BedrockProject` is the enforcement; the
   * Organizations policy reports compliance across the organization. No `enforced_for` is
   * written unless `options.enforcedFor` asks for it.
   *
   * @param options rendering options
   * @returns the policy document, ready for `JSON.stringify`
   */
  public toOrganizationsTagPolicy(
    // jsii reads a parameter's default only from a doc comment on the parameter itself.
    /** @default - no `enforced_for`: the policy reports compliance and enforces nothing */
    options?: OrganizationsTagPolicyOptions,
  ): any {
    return OrganizationsTagPolicy.fromTaxonomy(this, options).document;
  }

  /**
   * Checks a tag set and returns every problem at once (an empty list when it is valid).
   *
   * Values that are unresolved tokens cannot be checked and produce warnings.
   *
   * @param tags the tag set, key to value
   * @param subject what carries the tags, named at the start of each message
   */
  public validate(
    tags: { [key: string]: string },
    // jsii reads a parameter's default only from a doc comment on the parameter itself.
    /** @default 'Tag set' */
    subject?: string,
  ): TagProblem[] {
    return this._validate(tags, subject ?? 'Tag set');
  }

  /**
   * `validate` with a lower tag limit, for constructs that add tags of their own.
   * @internal
   */
  public _validate(tags: { [key: string]: string }, subject: string, tagLimit?: { max: number; reason: string }): TagProblem[] {
    const tagSet = JSON.stringify([tagLimit?.max ?? null, tags]);
    if (this.validTagSets.has(tagSet)) {
      return [];
    }
    const problems = validateTagSet({ keys: this.resolved, allowUndeclaredKeys: this.allowUndeclaredKeys, tagLimit }, tags, subject);
    if (problems.length === 0) {
      this.validTagSets.add(tagSet);
    }
    return problems;
  }

  /**
   * Checks a selection of tags, such as a budget's filter: each key and value against AWS's rules
   * and the taxonomy, without asking for the required keys.
   * @internal
   */
  public _validateSelection(tags: { [key: string]: string }, subject: string): TagProblem[] {
    return validateTagSet({ keys: this.resolved, allowUndeclaredKeys: this.allowUndeclaredKeys, checkRequiredKeys: false }, tags, subject);
  }
}

/** Checks a taxonomy's own definitions, so that a broken taxonomy fails where it is declared. */
function definitionProblems(keys: TagKeyDefinition[]): string[] {
  const problems: string[] = [];
  const byLowerCase = new Map<string, string>();
  for (const k of keys) {
    const key = k.key;
    if (typeof key !== 'string') {
      problems.push(`every key definition needs a 'key' string; got ${JSON.stringify(k)}`);
      continue;
    }
    awsTagKeyProblems(key).forEach((p) => problems.push(`key '${key}' ${p}`));
    const other = byLowerCase.get(key.toLowerCase());
    if (other === key) {
      problems.push(`key '${key}' is declared twice; declare it once`);
    } else if (other !== undefined) {
      problems.push(`keys '${other}' and '${key}' differ only by case; cost allocation tags are case-sensitive, keep one`);
    }
    byLowerCase.set(key.toLowerCase(), key);

    if (k.allowedValues !== undefined && k.pattern !== undefined) {
      problems.push(`key '${key}' has both allowedValues and pattern; give one of them`);
    }
    if (k.allowedValues !== undefined) {
      if (k.allowedValues.length === 0) {
        problems.push(`key '${key}' has an empty allowedValues list; list at least one value or drop the list`);
      }
      for (const value of k.allowedValues) {
        awsTagValueProblems(value).forEach((p) => problems.push(`key '${key}' allowed value '${value}' ${p}`));
      }
    }
    if (k.pattern !== undefined) {
      try {
        new RegExp(k.pattern, 'u');
      } catch (e) {
        problems.push(`key '${key}' has pattern ${k.pattern}, which is not a valid regular expression: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}
