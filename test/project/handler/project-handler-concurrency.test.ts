import { bundledHandler, createEvent, freshEmulatorForEachTest, invoke, MARK_KEY, STACK_NAME } from './project-handler-harness';
import { ProjectsApiEmulator } from '../../emulators/projects-api';

const handler = bundledHandler();

let emulator: ProjectsApiEmulator;

freshEmulatorForEachTest((e) => {
  emulator = e;
});

test('50 Creates at once against a rate-limited service all succeed, with exactly 50 projects', async () => {
  // 40 requests a second with a burst of 10: far fewer than the 100+ requests the Creates need at once.
  emulator.faults.setRateLimit({ requestsPerSecond: 40, burst: 10 });
  const events = Array.from({ length: 50 }, (_, index) =>
    createEvent({ ProjectName: `team-${index}`, Tags: { Team: `team-${index}` }, RemovalPolicy: 'destroy' }, `Project${index}`));

  const outcomes = await Promise.all(events.map((event) => invoke(handler, event, 120_000)));

  expect(outcomes.filter((outcome) => outcome.error).map((outcome) => outcome.error?.message)).toEqual([]);
  expect(emulator.faults.applied.rateLimited).toBeGreaterThan(0);
  const projects = emulator.store.activeProjects();
  expect(projects).toHaveLength(50);
  expect(emulator.counts.CreateProject - emulator.requests.filter((request) => request.operation === 'CreateProject' && request.outcome === 429).length)
    .toBe(50);
  // Each resource got its own project: ids, names and ownership marks pair up one to one.
  const physicalIds = outcomes.map((outcome) => outcome.response?.PhysicalResourceId);
  expect(new Set(physicalIds).size).toBe(50);
  for (const [index, outcome] of outcomes.entries()) {
    const project = emulator.store.get(outcome.response!.PhysicalResourceId);
    expect(project).toMatchObject({ name: `team-${index}`, tags: { Team: `team-${index}`, [MARK_KEY]: `${STACK_NAME}/Project${index}` } });
  }
}, 60_000);
