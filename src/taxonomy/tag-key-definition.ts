/**
 * One key of a tag taxonomy: whether projects must carry it and which values it accepts.
 */
export interface TagKeyDefinition {
  /**
   * The tag key, exactly as it appears on resources and in cost reports (case-sensitive).
   */
  readonly key: string;

  /**
   * Whether every project must carry this key.
   *
   * @default true
   */
  readonly required?: boolean;

  /**
   * The values this key accepts. Mutually exclusive with `pattern`.
   *
   * @default - any value that AWS accepts (unless `pattern` is set)
   */
  readonly allowedValues?: string[];

  /**
   * A regular expression (JavaScript syntax) that values must match in full,
   * for example `^CC-\d{4}$`. Mutually exclusive with `allowedValues`.
   *
   * @default - any value that AWS accepts (unless `allowedValues` is set)
   */
  readonly pattern?: string;

  /**
   * Whether this key should be activated as a cost allocation tag, so that billing can
   * group spend by it.
   *
   * @default true
   */
  readonly costAllocation?: boolean;

  /**
   * What the key means, for people reading the taxonomy and its reports.
   *
   * @default - no description
   */
  readonly description?: string;
}
