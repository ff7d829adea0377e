/**
 * Assertion function of the integ tests: reads a project back through the Projects API with the
 * library's own client (there is no AWS SDK client for it), so an assertion can compare what the
 * service holds with what the stack declared.
 *
 * Event: `{ "projectId": "proj_..." }`. Answer: the project's name, status, tags and retention.
 */
import { ProjectsClient } from '../../src/projects-api/projects-client';

export interface ReadProjectEvent {
  readonly projectId: string;
}

export interface ProjectReadBack {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly tags: Record<string, string>;
  readonly dataRetention: string | null;
}

export async function handler(event: ReadProjectEvent): Promise<ProjectReadBack> {
  const project = await new ProjectsClient({ maxAttempts: 5 }).get(event.projectId);
  return {
    id: project.id,
    name: project.name,
    status: project.status,
    tags: { ...project.tags },
    dataRetention: project.data_retention?.mode ?? null,
  };
}
