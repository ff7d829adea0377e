/**
 * The tag rules AWS applies to every tagged resource, Bedrock projects included.
 *
 * They are checked at synth time so that a deployment never fails on a tag the service
 * would reject.
 */

/** Longest tag key AWS accepts. */
export const MAX_TAG_KEY_LENGTH = 128;

/** Longest tag value AWS accepts. */
export const MAX_TAG_VALUE_LENGTH = 256;

/** Most tags one Bedrock project may carry. */
export const MAX_TAGS_PER_PROJECT = 200;

/** Prefix AWS reserves for its own tags; users cannot set keys that begin with it. */
export const RESERVED_TAG_PREFIX = 'aws:';

/** The characters AWS allows in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Human-readable form of {@link TAG_CHARACTERS}, for error messages. */
export const TAG_CHARACTERS_DESCRIPTION = 'letters, digits, spaces and _ . : / = + - @';

/**
 * Problems AWS would report for a tag key, as sentences without a subject.
 * An empty list means the key is valid.
 */
export function awsTagKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) {
    problems.push(`must be 1 to ${MAX_TAG_KEY_LENGTH} characters long but has ${key.length}`);
  }
  if (!TAG_CHARACTERS.test(key)) {
    problems.push(`may only contain ${TAG_CHARACTERS_DESCRIPTION}`);
  }
  if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
    problems.push(`must not begin with '${RESERVED_TAG_PREFIX}', which AWS reserves for its own tags`);
  }
  return problems;
}

/**
 * Problems AWS would report for a tag value, as sentences without a subject.
 * An empty list means the value is valid.
 */
export function awsTagValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > MAX_TAG_VALUE_LENGTH) {
    problems.push(`must be at most ${MAX_TAG_VALUE_LENGTH} characters long but has ${value.length}`);
  }
  if (!TAG_CHARACTERS.test(value)) {
    problems.push(`may only contain ${TAG_CHARACTERS_DESCRIPTION}`);
  }
  return problems;
}
