/**
 * How serious a tag problem is.
 */
export enum TagProblemLevel {
  /** The tag set would be rejected by AWS or breaks the taxonomy: synthesis fails. */
  ERROR = 'error',
  /** The tag set could not be fully checked (for example a value only known at deploy time). */
  WARNING = 'warning',
}

/**
 * One problem found in a tag set. Every problem is reported, not only the first.
 */
export interface TagProblem {
  /** How serious the problem is. */
  readonly level: TagProblemLevel;

  /** The tag key the problem concerns. */
  readonly key: string;

  /**
   * The offending value.
   *
   * @default - the problem concerns the key (missing, misspelt or invalid), not a value
   */
  readonly value?: string;

  /** A sentence that names the subject, the key, the bad value and what is allowed. */
  readonly message: string;
}
