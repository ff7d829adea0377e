import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY, ProjectRemovalPolicy } from '../resource-contract';


const REMOVAL_POLICIES: readonly ProjectRemovalPolicy[] = ['retain', 'destroy', 'retain-except-on-create'];

/** The project a `Custom::BedrockProject` resource asks for. */
export interface DesiredProject {
  readonly name: string;
  /** The user's tags, without the ownership mark. */
  readonly tags: Readonly<Record<string, string>>;
  /** Absent: the resource leaves the project's retention as it finds it. */
  readonly dataRetention?: string;
  readonly removalPolicy: ProjectRemovalPolicy;
}

/**
 * Reads the resource properties the `BedrockProject` construct sends: `ProjectName`, `Tags` (a
 * map), `DataRetention` and `RemovalPolicy`. CloudFormation delivers every value as a string.
 * Throws one readable line naming the bad property.
 */
export function desiredProjectOf(properties: Record<string, unknown> | undefined): DesiredProject {
  const props = properties ?? {};
  const name = props.ProjectName;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new Error(`Property ProjectName must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  const tags = tagsOf(props.Tags);
  for (const reserved of [OWNERSHIP_TAG_KEY, CREATE_REQUEST_TAG_KEY]) {
    if (Object.hasOwn(tags, reserved)) {
      throw new Error(`Tag key '${reserved}' is reserved for the provider's ownership mark; remove it from the tags of project '${name}'`);
    }
  }
  const retention = props.DataRetention;
  if (retention !== undefined && typeof retention !== 'string') {
    throw new Error(`Property DataRetention must be a string, got ${JSON.stringify(retention)}`);
  }
  const policy = props.RemovalPolicy ?? 'retain';
  if (!REMOVAL_POLICIES.includes(policy as ProjectRemovalPolicy)) {
    throw new Error(`Property RemovalPolicy must be one of ${REMOVAL_POLICIES.map((p) => `'${p}'`).join(', ')}, got ${JSON.stringify(policy)}`);
  }
  return {
    name,
    tags,
    dataRetention: retention === undefined || retention === '' ? undefined : retention,
    removalPolicy: policy as ProjectRemovalPolicy,
  };
}

/** The mode the service gives a project created without one. */
const SERVICE_DEFAULT_DATA_RETENTION = 'inherit';

/**
 * The project an Update asks for. A `DataRetention` the new properties drop goes back to the
 * service's default, as removing a property does elsewhere in CloudFormation; so does the rollback
 * of an Update that first set the mode (whatever the mode was before, the template did not say).
 * Absent before and after, the retention stays unmanaged.
 */
export function desiredProjectOnUpdate(
  properties: Record<string, unknown> | undefined,
  oldProperties: Record<string, unknown> | undefined,
): DesiredProject {
  const desired = desiredProjectOf(properties);
  const previous = oldProperties?.DataRetention;
  if (desired.dataRetention === undefined && typeof previous === 'string' && previous !== '') {
    return { ...desired, dataRetention: SERVICE_DEFAULT_DATA_RETENTION };
  }
  return desired;
}

/**
 * The removal policy of a resource being deleted. Lenient on purpose: a Delete must not fail on
 * properties that an older template version wrote, and anything unknown keeps the project.
 */
export function removalPolicyOf(properties: Record<string, unknown> | undefined): ProjectRemovalPolicy {
  const policy = properties?.RemovalPolicy;
  return REMOVAL_POLICIES.includes(policy as ProjectRemovalPolicy) ? policy as ProjectRemovalPolicy : 'retain';
}

function tagsOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null || value === '') {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Property Tags must be a map of tag key to value, got ${JSON.stringify(value)}`);
  }
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of Object.entries(value)) {
    if (typeof tagValue === 'object' && tagValue !== null) {
      throw new Error(`Tag '${key}' must have a string value, got ${JSON.stringify(tagValue)}`);
    }
    tags[key] = String(tagValue ?? '');
  }
  return tags;
}
