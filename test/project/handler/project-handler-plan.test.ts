import { planChanges } from '../../../src/project/handler/project-handler-plan';
import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY } from '../../../src/project/resource-contract';
import type { Project } from '../../../src/projects-api/projects-model';

const MARK = 'Stack/Project1';
const live = (tags: Record<string, string>): Project => ({
  id: 'proj_a', arn: 'arn', name: 'p', status: 'active', tags: { ...tags, [OWNERSHIP_TAG_KEY]: MARK }, data_retention: { mode: 'none' },
});
const desired = (tags: Record<string, string>) => ({ name: 'p', tags, removalPolicy: 'retain' as const });
const many = (count: number, prefix: string) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'v']));

describe('planChanges with tags the user did not set', () => {
  test('aws: keys, in any case, are neither removed nor drift', () => {
    expect(planChanges(live({ 'aws:a': '1', 'AWS:b': '2' }), desired({}), MARK)).toEqual([]);
  });

  test('the creation token stays while there is room', () => {
    expect(planChanges(live({ [CREATE_REQUEST_TAG_KEY]: 'r', A: '1' }), desired({ A: '1', B: '2' }), MARK)).toEqual([{ add_tags: { B: '2' } }]);
  });

  test('the creation token gives way, first, when the wanted tags need its room', () => {
    const changes = planChanges(live({ ...many(198, 'K'), [CREATE_REQUEST_TAG_KEY]: 'r' }), desired({ ...many(198, 'K'), New: 'x' }), MARK);
    expect(changes).toEqual([{ remove_tag_keys: [CREATE_REQUEST_TAG_KEY] }, { add_tags: { New: 'x' } }]);
  });

  test('aws: keys take no room: 199 user tags, the mark and AWS\'s tags need no removal', () => {
    expect(planChanges(live({ ...many(198, 'K'), 'aws:x': '1', 'aws:y': '2' }), desired({ ...many(198, 'K'), New: 'x' }), MARK))
      .toEqual([{ add_tags: { New: 'x' } }]);
  });
});

describe('planChanges at the 200-tag limit with the creation token in place', () => {
  test('the creation token stays when the tags after the change make exactly 200', () => {
    // 197 user tags, the token and the mark (199) plus one new key: 200, which AWS allows.
    const changes = planChanges(live({ ...many(197, 'K'), [CREATE_REQUEST_TAG_KEY]: 'r' }), desired({ ...many(197, 'K'), New: 'x' }), MARK);
    expect(changes).toEqual([{ add_tags: { New: 'x' } }]);
  });

  test('aws: keys take no room: the creation token stays beside them when 199 counted tags get one new key', () => {
    // 196 user tags, the token, the mark and two aws: tags: 198 counted, 200 keys; one new key makes 199 counted.
    const changes = planChanges(
      live({ ...many(196, 'K'), [CREATE_REQUEST_TAG_KEY]: 'r', 'aws:x': '1', 'aws:y': '2' }), desired({ ...many(196, 'K'), New: 'x' }), MARK,
    );
    expect(changes).toEqual([{ add_tags: { New: 'x' } }]);
  });

  test('a tag removed by the same change makes room: the creation token stays when one key replaces another at 200', () => {
    // 197 user tags, the old one, the token and the mark: 200. Old goes and New comes: still 200.
    const changes = planChanges(
      live({ ...many(197, 'K'), Old: 'o', [CREATE_REQUEST_TAG_KEY]: 'r' }), desired({ ...many(197, 'K'), New: 'x' }), MARK,
    );
    // Adding first would make 201 for a moment, so the removal goes first; the token is not part of it.
    expect(changes).toEqual([{ remove_tag_keys: ['Old'] }, { add_tags: { New: 'x' } }]);
  });
});
