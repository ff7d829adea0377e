import { ownershipMarkValue } from '../../../src/project/handler/ownership-mark';
import { planChanges } from '../../../src/project/handler/project-handler-plan';
import { desiredProjectOf, desiredProjectOnUpdate, removalPolicyOf } from '../../../src/project/handler/project-handler-properties';
import { parsePhysicalId, physicalIdOf } from '../../../src/project/handler/project-physical-id';
import { OWNERSHIP_TAG_KEY } from '../../../src/project/resource-contract';
import type { Project } from '../../../src/projects-api/projects-model';

const UUID = '5b3a9f20-1c2d-11ef-9a7b-0a1b2c3d4e5f';
const STACK_ID = `arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/${UUID}`;

describe('ownership mark', () => {
  test('is the stack name and the logical id', () => {
    expect(ownershipMarkValue(STACK_ID, 'Project1')).toBe('Stack/Project1');
  });

  test('is the same for a stack created again under the same name, and differs between stacks and resources', () => {
    const sameNameAgain = STACK_ID.replace(UUID, '00000000-1c2d-11ef-9a7b-0a1b2c3d4e5f');
    expect(ownershipMarkValue(sameNameAgain, 'Project1')).toBe(ownershipMarkValue(STACK_ID, 'Project1'));
    expect(ownershipMarkValue(STACK_ID.replace('/Stack/', '/Stack2/'), 'Project1')).not.toBe(ownershipMarkValue(STACK_ID, 'Project1'));
    expect(ownershipMarkValue(STACK_ID, 'Project2')).not.toBe(ownershipMarkValue(STACK_ID, 'Project1'));
  });

  test('is hashed when too long for a tag value, and stays distinct', () => {
    const long = ownershipMarkValue(STACK_ID, 'L'.repeat(251));
    expect(long).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ownershipMarkValue(STACK_ID, 'L'.repeat(250) + 'M')).not.toBe(long);
    expect(ownershipMarkValue(STACK_ID, 'L'.repeat(250))).toHaveLength(256);
  });

  test('uses the whole stack id when it is not a stack ARN', () => {
    expect(ownershipMarkValue('my-stack', 'Project1')).toBe('my-stack/Project1');
  });
});

describe('physical id', () => {
  test('is the project id, with a suffix for a project taken back', () => {
    expect(physicalIdOf('proj_abc1', false)).toBe('proj_abc1');
    expect(physicalIdOf('proj_abc1', true)).toBe('proj_abc1:adopted');
    expect(parsePhysicalId('proj_abc1')).toEqual({ projectId: 'proj_abc1', adopted: false });
    expect(parsePhysicalId('proj_abc1:adopted')).toEqual({ projectId: 'proj_abc1', adopted: true });
  });

  test.each(['default', 'default:adopted', ':adopted', 'proj_ABC', 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', 'proj_abc1:other'])(
    'names no project this handler manages: %s', (physicalId) => {
      expect(parsePhysicalId(physicalId)).toBeUndefined();
    });
});

describe('resource properties', () => {
  test('reads the construct\'s properties', () => {
    expect(desiredProjectOf({ ProjectName: 'p', Tags: { A: 'b' }, DataRetention: 'none', RemovalPolicy: 'destroy' }))
      .toEqual({ name: 'p', tags: { A: 'b' }, dataRetention: 'none', removalPolicy: 'destroy' });
    expect(desiredProjectOf({ ProjectName: 'p', DataRetention: '' })).toEqual({ name: 'p', tags: {}, dataRetention: undefined, removalPolicy: 'retain' });
    expect(desiredProjectOf({ ProjectName: 'p', Tags: { N: 1 as unknown as string } }).tags).toEqual({ N: '1' });
  });

  test.each([
    [{}, /ProjectName must be a non-empty string/],
    [{ ProjectName: ' ' }, /ProjectName must be a non-empty string/],
    [{ ProjectName: 'p', Tags: 'A=b' }, /Tags must be a map/],
    [{ ProjectName: 'p', Tags: [{ Key: 'A', Value: 'b' }] }, /Tags must be a map/],
    [{ ProjectName: 'p', Tags: { A: { nested: 'x' } } }, /Tag 'A' must have a string value/],
    [{ ProjectName: 'p', Tags: { [OWNERSHIP_TAG_KEY]: 'x' } }, /is reserved/],
    [{ ProjectName: 'p', DataRetention: { mode: 'none' } }, /DataRetention must be a string/],
    [{ ProjectName: 'p', RemovalPolicy: 'snapshot' }, /RemovalPolicy must be one of 'retain', 'destroy', 'retain-except-on-create', got "snapshot"/],
  ])('refuses %j', (properties, message) => {
    expect(() => desiredProjectOf(properties)).toThrow(message);
  });

  test('Tags given as an empty string, or absent, are no tags', () => {
    expect(desiredProjectOf({ ProjectName: 'p', Tags: '' }).tags).toEqual({});
    expect(desiredProjectOf({ ProjectName: 'p' }).tags).toEqual({});
  });

  test('a tag whose value is null is read as an empty value, not refused', () => {
    expect(desiredProjectOf({ ProjectName: 'p', Tags: { A: null, B: 'b' } }).tags).toEqual({ A: '', B: 'b' });
  });

  test('an Update that drops a DataRetention returns the project to the service default; one from an empty DataRetention leaves it unmanaged', () => {
    expect(desiredProjectOnUpdate({ ProjectName: 'p' }, { ProjectName: 'p', DataRetention: 'none' }).dataRetention).toBe('inherit');
    expect(desiredProjectOnUpdate({ ProjectName: 'p' }, { ProjectName: 'p', DataRetention: '' }).dataRetention).toBeUndefined();
    expect(desiredProjectOnUpdate({ ProjectName: 'p' }, { ProjectName: 'p' }).dataRetention).toBeUndefined();
    expect(desiredProjectOnUpdate({ ProjectName: 'p', DataRetention: 'none' }, { ProjectName: 'p', DataRetention: '' }).dataRetention).toBe('none');
  });

  test('a Delete archives only on an explicit policy that says so', () => {
    expect(removalPolicyOf({ RemovalPolicy: 'destroy' })).toBe('destroy');
    expect(removalPolicyOf({ RemovalPolicy: 'retain-except-on-create' })).toBe('retain-except-on-create');
    expect(removalPolicyOf({ RemovalPolicy: 'Destroy' })).toBe('retain');
    expect(removalPolicyOf({})).toBe('retain');
    expect(removalPolicyOf(undefined)).toBe('retain');
  });
});

describe('planChanges', () => {
  const MARK = 'Stack/Project1';
  const live = (fields: Partial<Project> = {}): Project => ({
    id: 'proj_a', arn: 'arn', name: 'p', status: 'active', tags: { A: '1', [OWNERSHIP_TAG_KEY]: MARK }, data_retention: { mode: 'none' }, ...fields,
  });

  test('nothing to do when the live project matches', () => {
    expect(planChanges(live(), { name: 'p', tags: { A: '1' }, dataRetention: 'none', removalPolicy: 'retain' }, MARK)).toEqual([]);
    expect(planChanges(live(), { name: 'p', tags: { A: '1' }, removalPolicy: 'retain' }, MARK)).toEqual([]);
  });

  test('a tag whose value is empty is still added when missing', () => {
    expect(planChanges(live(), { name: 'p', tags: { A: '1', E: '' }, removalPolicy: 'retain' }, MARK)).toEqual([{ add_tags: { E: '' } }]);
  });

  test('a live project without retention gets the desired one', () => {
    expect(planChanges(live({ data_retention: undefined }), { name: 'p', tags: { A: '1' }, dataRetention: 'inherit', removalPolicy: 'retain' }, MARK))
      .toEqual([{ data_retention: { mode: 'inherit' } }]);
  });

  test('the mark is set to this resource\'s and never removed', () => {
    const changes = planChanges(live({ tags: { [OWNERSHIP_TAG_KEY]: 'other' } }), { name: 'p', tags: {}, removalPolicy: 'retain' }, MARK);
    expect(changes).toEqual([{ add_tags: { [OWNERSHIP_TAG_KEY]: MARK } }]);
  });
});
