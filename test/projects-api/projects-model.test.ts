import { toProject, toProjectPage } from '../../src/projects-api/projects-model';

describe('toProject', () => {
  test('a project with only an id gets an empty ARN and name, the active status and no tags', () => {
    expect(toProject({ id: 'proj_1' })).toEqual({ id: 'proj_1', arn: '', name: '', status: 'active', tags: {} });
  });

  test('a project answer keeps the fields the API documents', () => {
    const answer = {
      id: 'proj_1',
      arn: 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/proj_1',
      name: 'chat',
      status: 'archived',
      created_at: 1_700_000_000,
      archived_at: 1_700_000_100,
      tags: { team: 'a' },
      data_retention: { mode: 'none' },
    };
    expect(toProject(answer)).toEqual(answer);
  });

  test('an answer with an empty id is not a project', () => {
    expect(toProject({ id: '', name: 'chat' })).toBeUndefined();
  });

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['a list', [{ id: 'proj_1' }]],
    ['a string', 'proj_1'],
  ])('%s is not a project, and reading it does not throw', (_, answer) => {
    expect(toProject(answer)).toBeUndefined();
  });

  test.each([
    ['null', null],
    ['a list', ['none']],
    ['a string', 'none'],
  ])('a data retention that is %s is read as none given', (_, retention) => {
    expect(toProject({ id: 'proj_1', data_retention: retention })?.data_retention).toBeUndefined();
  });
});

describe('toProjectPage', () => {
  test.each([
    ['null', null],
    ['undefined', undefined],
    ['a list', [{ id: 'proj_1' }]],
  ])('%s is not a page, and reading it does not throw', (_, answer) => {
    expect(toProjectPage(answer)).toBeUndefined();
  });

  test('a page with a null entry is not a page', () => {
    expect(toProjectPage({ data: [{ id: 'proj_1' }, null], has_more: false })).toBeUndefined();
  });
});
