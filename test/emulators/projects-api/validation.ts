import { validationError } from './api-error';

/**
 * The input rules of the Projects API (aws-facts §1): names 1–127 characters with a non-space,
 * at most 200 tags, keys 1–128 and values 0–256 characters of the AWS tag character set, no
 * `aws:` keys, and the documented data retention modes.
 */

export const MAX_NAME_LENGTH = 127;
export const MAX_TAGS = 200;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const DATA_RETENTION_MODES = ['inherit', 'default', 'none', 'provider_data_share', 'aws_review'];

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkName(name: unknown): string {
  if (typeof name !== 'string') {
    throw validationError('name: expected a string');
  }
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    throw validationError(`name: length must be between 1 and ${MAX_NAME_LENGTH}, got ${name.length}`);
  }
  if (!/\S/.test(name)) {
    throw validationError('name: must contain a non-space character');
  }
  return name;
}

export function checkTagMap(tags: unknown, field: string): Record<string, string> {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw validationError(`${field}: expected an object of tag key to value`);
  }
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    checkTagKey(key, field);
    if (typeof value !== 'string') {
      throw validationError(`${field}.${key}: expected a string value`);
    }
    if (value.length > MAX_TAG_VALUE_LENGTH || !TAG_CHARACTERS.test(value)) {
      throw validationError(`${field}.${key}: value must be at most ${MAX_TAG_VALUE_LENGTH} characters of letters, digits, spaces and _ . : / = + - @`);
    }
    checked[key] = value;
  }
  return checked;
}

export function checkTagKey(key: unknown, field: string): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_TAG_KEY_LENGTH || !TAG_CHARACTERS.test(key)) {
    throw validationError(`${field}: tag key ${JSON.stringify(key)} must be 1 to ${MAX_TAG_KEY_LENGTH} characters of letters, digits, spaces and _ . : / = + - @`);
  }
  if (key.toLowerCase().startsWith('aws:')) {
    throw validationError(`${field}: tag keys beginning with 'aws:' are reserved`);
  }
  return key;
}

/** Tags AWS itself puts on resources (`aws:` keys) do not count against the limit (AWS tagging guide). */
export function checkTagCount(tags: Record<string, string>): void {
  const count = Object.keys(tags).filter((key) => !key.toLowerCase().startsWith('aws:')).length;
  if (count > MAX_TAGS) {
    throw validationError(`tags: a project may carry at most ${MAX_TAGS} tags, got ${count}`);
  }
}

export function checkDataRetention(value: unknown): { mode: string } {
  if (typeof value !== 'object' || value === null || typeof (value as { mode?: unknown }).mode !== 'string') {
    throw validationError('data_retention: expected {"mode": "..."}');
  }
  const mode = (value as { mode: string }).mode;
  if (!DATA_RETENTION_MODES.includes(mode)) {
    throw validationError(`data_retention.mode: '${mode}' is not one of ${DATA_RETENTION_MODES.join(', ')}`);
  }
  return { mode };
}
