import { clientOf, startProjectsApi } from './emulated-projects-client';
import { ProjectsApiEmulator } from '../emulators/projects-api';

/**
 * List answers that the emulator's own paging never gives, written out page by page: each
 * injected answer replaces the service's answer to one list request, in order.
 */

let emulator: ProjectsApiEmulator;

beforeEach(async () => {
  emulator = await startProjectsApi();
});

afterEach(async () => {
  await emulator.stop();
});

interface PageSpec {
  readonly projects: ReadonlyArray<{ readonly id: string; readonly name?: string }>;
  readonly hasMore: boolean;
  /** @default absent */
  readonly lastId?: string | null;
}

/** Makes the next list requests answer these pages, one each, then the service's own answer. */
function answerListWith(...pages: PageSpec[]): void {
  for (const page of pages) {
    const body = {
      object: 'list',
      data: page.projects.map(({ id, name }) => ({ id, name: name ?? id, object: 'organization.project', status: 'active', tags: {} })),
      has_more: page.hasMore,
      ...(page.lastId === undefined ? {} : { last_id: page.lastId }),
    };
    emulator.faults.inject({ operation: 'ListProjects', kind: 'error', status: 200, body: JSON.stringify(body), count: 1 });
  }
}

function listTargets(): string[] {
  return emulator.requests.filter((request) => request.operation === 'ListProjects').map((request) => request.target);
}

test('a list page that repeats only known projects ends the listing, even when its cursor moves', async () => {
  answerListWith(
    { projects: [{ id: 'proj_a' }, { id: 'proj_b' }], hasMore: true, lastId: 'proj_b' },
    { projects: [{ id: 'proj_a', name: 'renamed' }, { id: 'proj_b' }], hasMore: true, lastId: 'proj_z' },
    { projects: [{ id: 'proj_c' }], hasMore: false, lastId: 'proj_c' },
  );
  const projects = await clientOf(emulator, { pageSize: 2 }).list();
  // The first answer for a project is the one kept; the repeated page is not a reason to go on.
  expect(projects.map((project) => [project.id, project.name])).toEqual([['proj_a', 'proj_a'], ['proj_b', 'proj_b']]);
  expect(listTargets()).toHaveLength(2);
});

test('a page with new projects whose cursor stays where it was ends the listing', async () => {
  answerListWith(
    { projects: [{ id: 'proj_a' }, { id: 'proj_b' }], hasMore: true, lastId: 'proj_b' },
    { projects: [{ id: 'proj_c' }], hasMore: true, lastId: 'proj_b' },
    { projects: [{ id: 'proj_d' }], hasMore: false, lastId: 'proj_d' },
  );
  const projects = await clientOf(emulator, { pageSize: 2 }).list();
  expect(projects.map((project) => project.id)).toEqual(['proj_a', 'proj_b', 'proj_c']);
  expect(listTargets()).toEqual(['/v1/organization/projects?limit=2', '/v1/organization/projects?limit=2&after=proj_b']);
});

test('without last_id the listing continues after the last project of the page', async () => {
  answerListWith(
    { projects: [{ id: 'proj_a' }, { id: 'proj_b' }], hasMore: true, lastId: null },
    { projects: [{ id: 'proj_c' }], hasMore: false },
  );
  const projects = await clientOf(emulator, { pageSize: 2 }).list();
  expect(projects.map((project) => project.id)).toEqual(['proj_a', 'proj_b', 'proj_c']);
  expect(listTargets()).toEqual(['/v1/organization/projects?limit=2', '/v1/organization/projects?limit=2&after=proj_b']);
});

test('last_id is the cursor even when it is not the last project of the page', async () => {
  answerListWith(
    { projects: [{ id: 'proj_a' }, { id: 'proj_b' }], hasMore: true, lastId: 'proj_a' },
    { projects: [{ id: 'proj_c' }], hasMore: false },
  );
  await clientOf(emulator, { pageSize: 2 }).list();
  expect(listTargets()[1]).toBe('/v1/organization/projects?limit=2&after=proj_a');
});

test('an empty last_id ends the listing instead of starting it over', async () => {
  answerListWith({ projects: [{ id: 'proj_a' }], hasMore: true, lastId: '' });
  const projects = await clientOf(emulator, { pageSize: 1 }).list();
  expect(projects.map((project) => project.id)).toEqual(['proj_a']);
  expect(listTargets()).toHaveLength(1);
});

test('a service whose pages never end is read up to the page bound, and what it gave is kept', async () => {
  const pages = Array.from({ length: 5 }, (_, i) => ({ projects: [{ id: `proj_${i}` }], hasMore: true, lastId: `proj_${i}` }));
  answerListWith(...pages);
  const projects = await clientOf(emulator, { pageSize: 1, maxListPages: 3 }).list();
  expect(projects.map((project) => project.id)).toEqual(['proj_0', 'proj_1', 'proj_2']);
  expect(listTargets()).toHaveLength(3);
});
