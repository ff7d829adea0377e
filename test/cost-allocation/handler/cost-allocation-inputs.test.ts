import { isRetryEvent } from '../../../src/cost-allocation/handler/activate-pending';
import { parseProperties, parseTagKeys } from '../../../src/cost-allocation/handler/resource-properties';
import { joinWithinBudget } from '../../../src/cost-allocation/handler/response-data';
import { parseScheduleArn } from '../../../src/cost-allocation/handler/retry-schedule';
import { clampBackfillFrom } from '../../../src/cost-allocation/handler/start-backfill';
import { RETRY_EVENT_SOURCE } from '../../../src/cost-allocation/resource-contract';

/**
 * What the cost allocation handler accepts and what it answers, at their edges: the key list it
 * is given, the backfill month it asks for, the schedule it may turn off, the retry payload it
 * recognises, and the key lists it returns within CloudFormation's response size.
 */

describe('the tag key list', () => {
  test('is taken as a list or as its JSON text, without repeated keys', () => {
    expect(parseTagKeys(['Application', 'Team', 'Application'])).toEqual(['Application', 'Team']);
    expect(parseTagKeys('["Application","Team"]')).toEqual(['Application', 'Team']);
  });

  test.each([
    ['an empty key', ['Application', '']],
    ['a key that is not a string', ['Application', 7]],
    ['an object', { Application: true }],
    ['JSON of an object', '{"Application":true}'],
  ])('%s is refused with the property named', (_, value) => {
    expect(() => parseTagKeys(value)).toThrow(/^Property TagKeys must be a list of non-empty strings, got /);
  });

  test('text that is not JSON is refused with the property named', () => {
    expect(() => parseTagKeys('Application,Team')).toThrow('Property TagKeys must be a list of tag keys, got the string "Application,Team"');
  });

  test('an empty BackfillFrom means no backfill', () => {
    expect(parseProperties({ TagKeys: ['A'], BackfillFrom: '' }).backfillFrom).toBeUndefined();
    expect(parseProperties({ TagKeys: ['A'], BackfillFrom: '2026-01-01' }).backfillFrom).toBe('2026-01-01');
  });
});

describe('the backfill month', () => {
  // On 15 June 2026 Cost Explorer backfills from June 2025 at the earliest.
  const now = new Date('2026-06-15T12:00:00Z');

  test('a month further back than Cost Explorer backfills is moved to the earliest it accepts; a later one is kept', () => {
    expect(clampBackfillFrom('2020-12-01', now)).toBe('2025-06-01');
    expect(clampBackfillFrom('2025-05-01', now)).toBe('2025-06-01');
    expect(clampBackfillFrom('2025-06-01', now)).toBe('2025-06-01');
    expect(clampBackfillFrom('2025-07-01', now)).toBe('2025-07-01');
  });

  test.each(['2020-13-01', '2020-00-01', '1999-1-01', '12020-01-01', 'x2020-01-01', '2020-01-01T00:00:00Z', '2020-01-02'])(
    'a value that is not a first of month (%s) is left for Cost Explorer to reject, not moved', (value) => {
      expect(clampBackfillFrom(value, now)).toBe(value);
    });
});

describe('the retry schedule\'s ARN', () => {
  const arn = 'arn:aws:scheduler:eu-west-1:111111111111:schedule/finops/CostAllocationRetry';

  test('names the region, the group and the schedule', () => {
    expect(parseScheduleArn(arn)).toEqual({ region: 'eu-west-1', group: 'finops', name: 'CostAllocationRetry' });
  });

  test.each([`x${arn}`, `${arn}/extra`, 'arn:aws:events:eu-west-1:111111111111:rule/finops'])('%s is no schedule ARN', (value) => {
    expect(parseScheduleArn(value)).toBeUndefined();
  });
});

describe('the retry payload', () => {
  test('is recognised by its source field only', () => {
    expect(isRetryEvent({ source: RETRY_EVENT_SOURCE, tagKeys: [] })).toBe(true);
    expect(isRetryEvent({ source: 'aws.events' })).toBe(false);
  });

  test.each([['null', null], ['the source as a string', RETRY_EVENT_SOURCE], ['undefined', undefined]])('%s is not a retry payload', (_, value) => {
    expect(isRetryEvent(value)).toBe(false);
  });
});

describe('key lists within the response size', () => {
  const keys = 'abcdefghijkl'.split('');

  test('a list that fits the budget exactly is returned whole', () => {
    expect(joinWithinBudget(['ab', 'cd'], 5)).toBe('ab,cd');
  });

  test('a list over the budget keeps as many keys as fit with the count of the rest, using the budget to its last byte', () => {
    // 12 keys joined take 23 bytes; 4 keys and ",... (+8 more)" take exactly 21.
    const joined = joinWithinBudget(keys, 21);
    expect(joined).toBe('a,b,c,d,... (+8 more)');
    expect(Buffer.byteLength(joined)).toBe(21);
  });

  test('a budget one byte smaller keeps one key less', () => {
    expect(joinWithinBudget(keys, 20)).toBe('a,b,c,... (+9 more)');
  });

  test('sizes are counted in UTF-8 bytes, not characters', () => {
    expect(joinWithinBudget(['é', 'é'], 5)).toBe('é,é');
    expect(joinWithinBudget(['é', 'é'], 4)).toMatch(/\(\+2 more\)$/);
  });
});
