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
