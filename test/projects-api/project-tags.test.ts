import { readTags, UnreadableTagsError } from '../../src/projects-api/project-tags';

describe('readTags', () => {
  test.each([
    ['the documented map', { A: '1', B: '' }],
    ['a list of {key, value}', [{ key: 'A', value: '1' }, { key: 'B', value: '' }]],
    ['a list of {Key, Value}', [{ Key: 'A', Value: '1' }, { Key: 'B', Value: '' }]],
    ['null and missing values', [{ Key: 'A', Value: '1' }, { Key: 'B', Value: null }]],
    ['a map with a null value', { A: '1', B: null }],
  ])('reads %s', (_, tags) => {
    expect(readTags(tags)).toEqual({ A: '1', B: '' });
  });

  test('absent or null tags are no tags; numbers and booleans are text', () => {
    expect(readTags(undefined)).toEqual({});
    expect(readTags(null)).toEqual({});
    expect(readTags({ N: 1, F: false })).toEqual({ N: '1', F: 'false' });
  });

  test.each([
    ['a string', 'A=1'],
    ['a number', 7],
    ['a list of strings', ['A']],
    ['a list entry without a key', [{ value: '1' }]],
    ['a value that is an object', { A: { v: 1 } }],
    ['a list value that is a list', [{ key: 'A', value: ['1'] }]],
  ])('refuses %s, naming what it got', (_, tags) => {
    expect(() => readTags(tags)).toThrow(UnreadableTagsError);
    expect(() => readTags(tags)).toThrow(/^tags /);
  });
});

describe('readTags, what the operator reads when the tags cannot be read', () => {
  /** The error `readTags` throws for `tags`, so that its name and whole message can be checked. */
  function refusal(tags: unknown): UnreadableTagsError {
    try {
      readTags(tags);
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableTagsError);
      return error as UnreadableTagsError;
    }
    throw new Error('readTags accepted the tags');
  }

  const ENTRY_SHAPE = 'tags list entry must be {"key": ..., "value": ...} or {"Key": ..., "Value": ...}, got';

  test('the error is named UnreadableTagsError', () => {
    expect(refusal('A=1').name).toBe('UnreadableTagsError');
  });

  test('tags that are neither a map nor a list are refused with the value quoted', () => {
    expect(refusal('A=1').message).toBe('tags must be a map of key to value or a list of key/value pairs, got "A=1"');
    expect(refusal(7).message).toBe('tags must be a map of key to value or a list of key/value pairs, got 7');
  });

  test('a tag list entry that is an array is refused with the entry quoted', () => {
    expect(refusal([['A', '1']]).message).toBe(`${ENTRY_SHAPE} ["A","1"]`);
  });

  test('a null tag list entry is refused as an entry of the wrong shape, not as a crash', () => {
    expect(refusal([null]).message).toBe(`${ENTRY_SHAPE} null`);
  });

  test('an undefined tag list entry is refused as an entry of the wrong shape, quoted as undefined', () => {
    expect(refusal([undefined]).message).toBe(`${ENTRY_SHAPE} undefined`);
  });

  test('a tag list entry with an empty key is refused with the entry quoted', () => {
    expect(refusal([{ key: '', value: '1' }]).message).toBe(`${ENTRY_SHAPE} {"key":"","value":"1"}`);
  });

  test('a tag list entry without a value is a tag with the empty value', () => {
    expect(readTags([{ key: 'A' }, { Key: 'B' }])).toEqual({ A: '', B: '' });
  });

  test('a value that is not text is refused with the key and the value quoted', () => {
    expect(refusal({ team: { v: 1 } }).message).toBe('tags \'team\' must have a text value, got {"v":1}');
    expect(refusal([{ key: 'team', value: ['a'] }]).message).toBe('tags \'team\' must have a text value, got ["a"]');
  });

  test('a quoted value of 100 characters is quoted whole', () => {
    const value = { v: 'x'.repeat(92) };
    expect(JSON.stringify(value)).toHaveLength(100);
    expect(refusal({ team: value }).message).toBe(`tags 'team' must have a text value, got ${JSON.stringify(value)}`);
  });

  test('a quoted value longer than 100 characters is cut to its first 100 and an ellipsis', () => {
    const value = { v: 'x'.repeat(93) };
    expect(refusal({ team: value }).message).toBe(`tags 'team' must have a text value, got {"v":"${'x'.repeat(93)}"…`);
  });
});
