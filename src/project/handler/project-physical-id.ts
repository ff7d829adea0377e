/**
 * The physical id of a `Custom::BedrockProject` resource: the project's id, or `<id>:adopted` for
 * a project that existed before a Create under the `retain-except-on-create` policy took it back
 * by its ownership mark (e.g. one retained when the stack was deleted). CloudFormation sends that
 * policy's only Delete when the creation rolls back, and the Delete must then archive a project
 * the creation made but keep one it merely took back; the physical id is what the Delete is told.
 */

/** Ids this handler may touch: never the account's `default` project, never a framework marker. */
const PROJECT_ID_PATTERN = /^proj_[a-z0-9]+$/;

const ADOPTED_SUFFIX = ':adopted';

/** What a physical id says. */
export interface ProjectPhysicalId {
  readonly projectId: string;
  /** The Create took over a project that existed before it. */
  readonly adopted: boolean;
}

/** The physical id for `projectId`. */
export function physicalIdOf(projectId: string, adopted: boolean): string {
  return adopted ? `${projectId}${ADOPTED_SUFFIX}` : projectId;
}

/** The project a physical id names, or `undefined` when it names none this handler manages. */
export function parsePhysicalId(physicalId: string): ProjectPhysicalId | undefined {
  const adopted = physicalId.endsWith(ADOPTED_SUFFIX);
  const projectId = adopted ? physicalId.slice(0, -ADOPTED_SUFFIX.length) : physicalId;
  return PROJECT_ID_PATTERN.test(projectId) ? { projectId, adopted } : undefined;
}
