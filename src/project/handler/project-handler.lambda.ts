/**
 * The onEvent handler of the `Custom::BedrockProject` provider (aws-cdk-lib `custom-resources.Provider`):
 * it returns `{ PhysicalResourceId, Data }` to succeed and throws to fail.
 */
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { ownershipMarkValue } from './ownership-mark';
import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY } from '../resource-contract';
import { countedTags, MAX_TAGS, planChanges } from './project-handler-plan';
import { DesiredProject, desiredProjectOf, desiredProjectOnUpdate, removalPolicyOf } from './project-handler-properties';
import { parsePhysicalId, physicalIdOf } from './project-physical-id';
import { errorForLog, eventForLog, logJson } from '../../handler-shared/handler-log';
import { sleep, withRetries } from '../../handler-shared/retry';
import { CLIENT_ERROR_TYPES, isRetryableProjectsError, ProjectsApiError } from '../../projects-api/projects-api-error';
import { ProjectsClient } from '../../projects-api/projects-client';
import type { Project } from '../../projects-api/projects-model';

/** Time kept back from the Lambda timeout to log the failure and answer the framework. */
const SAFETY_MARGIN_MS = 10_000;
/**
 * Cleanup after a failed Create may run into the safety margin, but not to its end: its own
 * calls are bounded by this smaller margin.
 */
const CLEANUP_MARGIN_MS = 3_000;
/**
 * How long a new project may take to show in the list after its create. A create whose answer was
 * lost is not sent again before the list has been read this long after it without showing the
 * project: the list may lag a few seconds behind a create, and creating again too soon would make
 * a second project.
 */
const LIST_SETTLE_MS = 5_000;
/** A list and a create must fit in what is left after a retry's wait. */
const MIN_CREATE_ATTEMPT_MS = 200;
/** First wait between list reads while waiting for a project to show; it doubles up to a second. */
const LIST_POLL_MS = 250;

/** What the Provider framework needs back; `Data` becomes the resource's attributes. */
export interface ProjectResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: {
    readonly ProjectId: string;
    readonly ProjectArn: string;
    readonly ProjectName: string;
  };
}


export async function handler(event: CloudFormationCustomResourceEvent, context: Pick<Context, 'getRemainingTimeInMillis'>):
Promise<ProjectResourceResponse> {
  const remainingMs = context.getRemainingTimeInMillis();
  const startedAt = Date.now();
  const client = newClient(startedAt + remainingMs - SAFETY_MARGIN_MS);
  try {
    switch (event.RequestType) {
      case 'Create':
        return await onCreate(event, client, () => newClient(startedAt + remainingMs - CLEANUP_MARGIN_MS));
      case 'Update':
        return await onUpdate(event, client);
      case 'Delete':
        return await onDelete(event, client);
      default:
        throw new Error(`Unknown RequestType ${JSON.stringify((event as { RequestType?: unknown }).RequestType)}`);
    }
  } catch (error) {
    const reason = failureReason(event, error);
    logJson('error', reason, { event: eventForLog(event), error: errorForLog(error) });
    throw new Error(reason);
  }
}

/**
 * Creates the project, or adopts the one carrying this resource's ownership mark, and brings it to
 * the desired state. A project found by its mark was made by an earlier attempt of this same Create
 * when it also carries the event's `RequestId` as its creation token (CloudFormation sends the same
 * request again with the same id); otherwise an earlier stack retained it. If anything fails once
 * this Create has made a project, the project is archived before the error is rethrown: after a
 * failed Create the framework reports a marker id and CloudFormation never sends the Delete that
 * would clean up. A retained project is left as it is.
 */
async function onCreate(
  event: CloudFormationCustomResourceEvent,
  client: ProjectsClient,
  cleanupClient: () => ProjectsClient,
): Promise<ProjectResourceResponse> {
  const desired = desiredProjectOf(event.ResourceProperties);
  const mark = ownershipMarkValue(event.StackId, event.LogicalResourceId);
  const attempts: CreateAttempts = {};
  try {
    attempts.project = await createOrAdopt(client, desired, { mark, token: event.RequestId }, attempts);
    const final = await converge(client, attempts.project, desired, mark);
    const tookBack = attempts.adoptedBeforeCreating === true && desired.removalPolicy === 'retain-except-on-create';
    return success(event, final, physicalIdOf(final.id, tookBack));
  } catch (error) {
    if (attempts.adoptedBeforeCreating) {
      // Found before this Create sent anything: it may be a project a removed resource retained,
      // so it is left as it is (archiving is terminal) rather than taken down with this Create.
      logJson('warn', 'Leaving the adopted project active after the failed Create', { projectId: attempts.project?.id, ownershipMark: mark });
    } else if (attempts.project !== undefined) {
      await archiveAfterFailedCreate(cleanupClient(), attempts.project.id, mark);
    } else if (attempts.lostCreateAt !== undefined) {
      const found = await findLostCreate(cleanupClient(), desired, mark, attempts.lostCreateAt);
      if (found !== undefined) {
        return success(event, found, found.id);
      }
    }
    throw error;
  }
}

/**
 * After the retries ran out on a create whose answer was lost, one last look for its project, in
 * the time kept back for cleanup. A slow service may have made it after all: when it is exactly
 * what was asked for, the Create has succeeded and the project is kept; otherwise it is archived.
 */
async function findLostCreate(client: ProjectsClient, desired: DesiredProject, mark: string, lostCreateAt: number): Promise<Project | undefined> {
  let owned: Project[];
  try {
    // A second before the cleanup deadline is kept for archiving what is found.
    owned = await waitForOwnedProjects(client, mark, Math.min(lostCreateAt + LIST_SETTLE_MS, client.deadline - 1_000));
  } catch (error) {
    logJson('error', 'Could not look for the project of a create whose answer was lost; look for the ownership tag and archive it by hand', {
      ownershipTag: OWNERSHIP_TAG_KEY, ownershipMark: mark, error: errorForLog(error),
    });
    return undefined;
  }
  const [first] = owned;
  if (owned.length === 1 && planChanges(first, desired, mark).length === 0) {
    logJson('info', 'Found the project of a create whose answer was lost; keeping it', { projectId: first.id, ownershipMark: mark });
    return first;
  }
  for (const project of owned) {
    await archiveAfterFailedCreate(client, project.id, mark);
  }
  return undefined;
}

/** What the create attempts of one Create event left behind. */
interface CreateAttempts {
  /** The project created or adopted, once known. */
  project?: Project;
  /**
   * When the last create request without a clear answer was sent (epoch ms): it may have made a
   * project nobody knows the id of.
   */
  lostCreateAt?: number;
  /** The project was found by its mark before this Create sent any create request, and an earlier stack made it. */
  adoptedBeforeCreating?: boolean;
}

/** How a Create recognises projects: the resource's ownership mark, and the request's creation token. */
interface CreateIdentity {
  readonly mark: string;
  readonly token: string;
}

/**
 * Each attempt first looks for a project carrying this resource's mark: a create whose answer
 * was lost (timeout, dropped connection, 5xx) may have made the project, and creating again
 * would leave a duplicate behind. After such a create, the list is read again until it has had
 * {@link LIST_SETTLE_MS} to show the project; when the deadline comes first, no second create is
 * sent and the last error is thrown.
 */
async function createOrAdopt(client: ProjectsClient, desired: DesiredProject, identity: CreateIdentity, attempts: CreateAttempts): Promise<Project> {
  const { mark, token } = identity;
  let sentCreate = false;
  let lastError: unknown;
  let createsSent = 0;
  // The list requests that failed, over every attempt of this loop: each list call counts only its own.
  let failedListRequests = 0;
  const startedAt = Date.now();
  try {
    return await withRetries(async (attempt) => {
      let owned: Project[];
      try {
        owned = attempts.lostCreateAt === undefined
          ? await findOwnedProjects(client, mark)
          // Short of the deadline by the time the retry loop keeps for an attempt, so it ends the retries.
          : await waitForOwnedProjects(client, mark, Math.min(attempts.lostCreateAt + LIST_SETTLE_MS, client.deadline - MIN_CREATE_ATTEMPT_MS));
      } catch (error) {
        failedListRequests += error instanceof ProjectsApiError ? error.attempts ?? 1 : 1;
        throw error;
      }
      if (owned.length > 0) {
        const own = owned.find((project) => project.tags[CREATE_REQUEST_TAG_KEY] === token);
        const project = own ?? owned[0];
        attempts.adoptedBeforeCreating = !sentCreate && own === undefined;
        logJson('info', attempts.adoptedBeforeCreating ? 'Taking back the project this resource\'s mark names' : 'Adopting the project an earlier attempt created', {
          projectId: project.id, attempt, ownershipMark: mark,
        });
        return project;
      }
      if (attempts.lostCreateAt !== undefined && Date.now() < attempts.lostCreateAt + LIST_SETTLE_MS) {
        // The deadline ended the wait before the list could be trusted to show the project.
        throw new ListNotSettled(lastError);
      }
      sentCreate = true;
      createsSent++;
      const sentAt = Date.now();
      try {
        const created = await client.create({ name: desired.name, tags: createTags(desired, identity), dataRetention: desired.dataRetention });
        logJson('info', 'Created project', { projectId: created.id, name: created.name });
        return created;
      } catch (error) {
        lastError = error;
        if (mayHaveCreated(error)) {
          attempts.lostCreateAt = sentAt;
        }
        throw error;
      }
    }, {
      isRetryable: (error) => !(error instanceof ListNotSettled) && isRetryableProjectsError(error),
      deadline: client.deadline,
      minAttemptMs: MIN_CREATE_ATTEMPT_MS,
      onRetry: ({ attempt, delayMs, error }) => logJson('warn', 'Create attempt failed; looking for its project before trying again', {
        attempt, delayMs, error: errorForLog(error),
      }),
    });
  } catch (thrown) {
    const error = thrown instanceof ListNotSettled ? thrown.createError : thrown;
    // The client sends a create once: the creates this loop sent are counted here. A list that
    // failed in several attempts of this loop is reported with all of its requests, so that the
    // message never hides retries that happened.
    const retriedCreate = error instanceof ProjectsApiError && error.operation === 'CreateProject' && createsSent > 1;
    const retriedList = error instanceof ProjectsApiError && error.operation === 'ListProjects' && failedListRequests > (error.attempts ?? 1);
    if (retriedCreate || retriedList) {
      throw error.afterAttempts(retriedCreate ? createsSent : failedListRequests, Date.now() - startedAt);
    }
    throw error;
  }
}

/** Ends the create attempts: the deadline came before the list had time to show a lost create's project. */
class ListNotSettled extends Error {
  constructor(public readonly createError: unknown) {
    super('the list had no time to show the project of a create whose answer was lost');
  }
}

/**
 * The tags of a create: the user's, the ownership mark, and the creation token when the project
 * has room for it (without it, a re-sent Create takes its project for one retained earlier).
 */
function createTags(desired: DesiredProject, identity: CreateIdentity): Record<string, string> {
  const tags = { ...desired.tags, [OWNERSHIP_TAG_KEY]: identity.mark };
  return countedTags(Object.keys(tags)) < MAX_TAGS ? { ...tags, [CREATE_REQUEST_TAG_KEY]: identity.token } : tags;
}

/**
 * Reads the list until it shows a project carrying `mark` or `until` (epoch ms) has passed, at
 * least once: a new project may show in the list only some seconds after its create.
 */
async function waitForOwnedProjects(client: ProjectsClient, mark: string, until: number): Promise<Project[]> {
  for (let wait = LIST_POLL_MS; ; wait = Math.min(wait * 2, 1_000)) {
    const owned = await findOwnedProjects(client, mark);
    const next = Math.min(wait, until - Date.now());
    if (owned.length > 0 || next <= 0) {
      return owned;
    }
    await sleep(next);
  }
}

/**
 * Whether a failed create request may still have made the project: yes when no answer came or
 * the server failed (5xx) or answered 2xx with a body that could not be read; no when the
 * service rejected the request (4xx, throttling included) or it was never sent.
 */
function mayHaveCreated(error: unknown): boolean {
  if (!(error instanceof ProjectsApiError)) {
    return true;
  }
  if (error.status === undefined) {
    return error.type === CLIENT_ERROR_TYPES.network || error.type === CLIENT_ERROR_TYPES.timeout;
  }
  return error.status < 300 || error.status >= 500;
}

/** Active projects carrying `mark`, oldest first. */
async function findOwnedProjects(client: ProjectsClient, mark: string): Promise<Project[]> {
  const projects = await client.list();
  return projects
    .filter((project) => project.status === 'active' && project.tags[OWNERSHIP_TAG_KEY] === mark)
    .sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0));
}

/** Best effort: a failure here is logged, and the Create's own error is what CloudFormation shows. */
async function archiveAfterFailedCreate(client: ProjectsClient, projectId: string, mark: string): Promise<void> {
  try {
    await client.archive(projectId);
    logJson('warn', 'Archived the project of a failed Create', { projectId });
  } catch (error) {
    logJson('error', 'Could not archive the project of a failed Create; archive it by hand', {
      projectId, ownershipMark: mark, error: errorForLog(error),
    });
  }
}

/**
 * Brings the live project to the desired state. The physical id never changes: a rename or a new
 * tag set is a modification, not a replacement. A rollback is just another Update.
 */
async function onUpdate(event: CloudFormationCustomResourceEvent & { RequestType: 'Update' }, client: ProjectsClient): Promise<ProjectResourceResponse> {
  const physicalId = parsePhysicalId(event.PhysicalResourceId);
  if (physicalId === undefined) {
    throw new Error(`Physical id '${event.PhysicalResourceId}' is not a project id this resource can manage`);
  }
  const id = physicalId.projectId;
  const desired = desiredProjectOnUpdate(event.ResourceProperties, event.OldResourceProperties);
  const mark = ownershipMarkValue(event.StackId, event.LogicalResourceId);
  const live = await liveProject(client, id);
  if (live.status !== 'active') {
    throw new Error(`Project ${id} ('${live.name}') is ${live.status}; archived projects cannot be changed, so replace the resource (e.g. change its logical id)`);
  }
  const owner = live.tags[OWNERSHIP_TAG_KEY];
  if (owner !== undefined && owner !== mark) {
    throw new Error(`Project ${id} ('${live.name}') carries the ownership mark '${owner}' of another resource (${OWNERSHIP_TAG_KEY}), not '${mark}'; refusing to change it`);
  }
  const final = await converge(client, live, desired, mark);
  // The same physical id, always: a new one would make CloudFormation delete the old resource.
  return success(event, final, event.PhysicalResourceId);
}

/**
 * Archives the project only when the resource asks for it and the project is this resource's;
 * anything else is left alone and the Delete succeeds, so a stack can always be deleted.
 */
async function onDelete(event: CloudFormationCustomResourceEvent & { RequestType: 'Delete' }, client: ProjectsClient): Promise<ProjectResourceResponse> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const physicalId = parsePhysicalId(event.PhysicalResourceId);
  if (physicalId === undefined) {
    // E.g. the framework's marker after a failed Create: there is no project to act on.
    logJson('info', 'Nothing to delete: the physical id is not a project this resource created', { physicalResourceId: event.PhysicalResourceId });
    return done;
  }
  const id = physicalId.projectId;
  const removalPolicy = removalPolicyOf(event.ResourceProperties);
  if (removalPolicy === 'retain') {
    logJson('info', 'Retaining the project (removal policy retain)', { projectId: id });
    return done;
  }
  if (removalPolicy === 'retain-except-on-create' && physicalId.adopted) {
    // The rolled-back creation took this project back rather than made it: it predates the stack
    // operation, so archiving it would destroy what RETAIN kept.
    logJson('info', 'Keeping the project the rolled-back creation took back (removal policy retain-except-on-create)', { projectId: id });
    return done;
  }
  let live: Project;
  try {
    live = await client.get(id);
  } catch (error) {
    if (error instanceof ProjectsApiError && error.notFound) {
      logJson('info', 'The project no longer exists', { projectId: id });
      return done;
    }
    throw error;
  }
  if (live.status === 'archived') {
    logJson('info', 'The project is already archived', { projectId: id });
    return done;
  }
  const mark = ownershipMarkValue(event.StackId, event.LogicalResourceId);
  if (live.tags[OWNERSHIP_TAG_KEY] !== mark) {
    logJson('warn', 'Not archiving a project that does not carry this resource\'s ownership mark', {
      projectId: id, expectedMark: mark, foundMark: live.tags[OWNERSHIP_TAG_KEY] ?? null,
    });
    return done;
  }
  try {
    await client.archive(id);
  } catch (error) {
    if (!(error instanceof ProjectsApiError && error.notFound)) {
      throw error;
    }
  }
  logJson('info', 'Archived the project', { projectId: id, removalPolicy });
  return done;
}

/** Applies the planned changes one request at a time; no request when nothing differs. */
async function converge(client: ProjectsClient, live: Project, desired: DesiredProject, mark: string): Promise<Project> {
  let current = live;
  for (const change of planChanges(live, desired, mark)) {
    current = await client.update(live.id, change);
  }
  return current;
}

async function liveProject(client: ProjectsClient, id: string): Promise<Project> {
  try {
    return await client.get(id);
  } catch (error) {
    if (error instanceof ProjectsApiError && error.notFound) {
      throw new Error(`Project ${id} does not exist in ${client.region} (was it archived long ago or made in another region?): ${error.message}`);
    }
    throw error;
  }
}

function success(event: CloudFormationCustomResourceEvent, project: Project, physicalResourceId: string): ProjectResourceResponse {
  return {
    PhysicalResourceId: physicalResourceId,
    Data: {
      ProjectId: project.id,
      ProjectArn: project.arn || projectArnFromStack(event.StackId, project.id),
      ProjectName: project.name,
    },
  };
}

/** The documented ARN format, for a service answer that leaves `arn` out. */
function projectArnFromStack(stackId: string, projectId: string): string {
  const [, partition, , region, account] = stackId.split(':');
  return `arn:${partition}:bedrock-mantle:${region}:${account}:project/${projectId}`;
}

function newClient(deadline: number): ProjectsClient {
  return new ProjectsClient({
    deadline,
    onRetry: ({ operation, attempt, delayMs, error }) => logJson('warn', 'Retrying a Projects API call', {
      operation, attempt, delayMs, error: error instanceof Error ? error.message : String(error),
    }),
  });
}

/** One line for the CloudFormation event: what failed, on which project, and the service's words. */
function failureReason(event: CloudFormationCustomResourceEvent, error: unknown): string {
  const verb = { Create: 'create', Update: 'update', Delete: 'delete' }[event.RequestType] ?? 'handle';
  const name = typeof event.ResourceProperties?.ProjectName === 'string' ? ` '${event.ResourceProperties.ProjectName}'` : '';
  const id = event.RequestType === 'Create' ? '' : ` (${event.PhysicalResourceId})`;
  const detail = error instanceof Error ? error.message : String(error);
  const attempts = error instanceof ProjectsApiError ? error.attempts ?? 1 : 1;
  const gaveUp = attempts > 1 ? `; still failing after ${attempts} attempts` : '';
  return `Could not ${verb} Bedrock project${name}${id}: ${detail}${gaveUp}`.replace(/\s+/g, ' ');
}
