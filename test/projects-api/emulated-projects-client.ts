import { ProjectsApiError } from '../../src/projects-api/projects-api-error';
import { ProjectsClient, ProjectsClientOptions } from '../../src/projects-api/projects-client';
import { ProjectsApiEmulator, ProjectsApiEmulatorOptions, TEST_CREDENTIALS } from '../emulators/projects-api';

/** Starts a loopback Projects API emulator that verifies signatures made with the test credentials. */
export function startProjectsApi(options: ProjectsApiEmulatorOptions = {}): Promise<ProjectsApiEmulator> {
  return ProjectsApiEmulator.start({ credentials: [TEST_CREDENTIALS], ...options });
}

/** A client of `emulator`, signing with the test credentials and retrying after short waits. */
export function clientOf(emulator: ProjectsApiEmulator, options: ProjectsClientOptions = {}): ProjectsClient {
  return new ProjectsClient({
    region: emulator.region,
    endpoint: emulator.url,
    credentials: async () => TEST_CREDENTIALS,
    baseDelayMs: 10,
    ...options,
  });
}

/** The error a promise rejects with, so its fields can be asserted. */
export async function failureOf(promise: Promise<unknown>): Promise<ProjectsApiError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ProjectsApiError);
  return error as ProjectsApiError;
}
