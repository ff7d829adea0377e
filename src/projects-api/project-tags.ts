/**
 * Reads the `tags` of a project answer. The API documents a map of key to string; a server may
 * also write a list of `{key, value}` or `{Key, Value}` pairs, as other AWS APIs do, or `null` for
 * an empty value. Every such shape is read, because reading a tag set as empty would hide the
 * ownership mark (and so duplicate projects, or keep DESTROY from archiving). A shape that cannot
 * be read is an error, never an empty set.
 */

/** A `tags` field that is none of the shapes {@link readTags} knows. */
export class UnreadableTagsError extends Error {
  constructor(detail: string) {
    super(`tags ${detail}`);
    this.name = 'UnreadableTagsError';
  }
}

/** The tags as a map; `{}` when the field is absent or `null`. Throws {@link UnreadableTagsError}. */
export function readTags(value: unknown): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      const [key, tagValue] = pairOf(entry);
      tags[key] = tagValue;
    }
    return tags;
  }
  if (typeof value !== 'object') {
    throw new UnreadableTagsError(`must be a map of key to value or a list of key/value pairs, got ${preview(value)}`);
  }
  for (const [key, tagValue] of Object.entries(value)) {
    tags[key] = valueOf(key, tagValue);
  }
  return tags;
}

function pairOf(entry: unknown): [string, string] {
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const record = entry as Record<string, unknown>;
    const key = record.key ?? record.Key;
    if (typeof key === 'string' && key !== '') {
      return [key, valueOf(key, record.value ?? record.Value)];
    }
  }
  throw new UnreadableTagsError(`list entry must be {"key": ..., "value": ...} or {"Key": ..., "Value": ...}, got ${preview(entry)}`);
}

/** A missing or `null` value is the empty value a tag may have; numbers and booleans are written as text. */
function valueOf(key: string, value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new UnreadableTagsError(`'${key}' must have a text value, got ${preview(value)}`);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
