/**
 * The shapes of the Projects API (`/v1/organization/projects`), with field names as the service
 * spells them, and the checks that turn an answer into them.
 */
import { readTags } from './project-tags';

/** A project as create, retrieve, modify and list return it. */
export interface Project {
  /** `proj_` + lowercase alphanumerics, or `default` for the account's default project. */
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** `active` or `archived`; kept open for states the API may add. */
  readonly status: string;
  /** Unix seconds. */
  readonly created_at?: number;
  /** Unix seconds; set once archived. */
  readonly archived_at?: number | null;
  /** Tag key to value; `{}` when the service sends none. */
  readonly tags: Readonly<Record<string, string>>;
  readonly data_retention?: { readonly mode: string };
}

/** The body of a create request. */
export interface CreateProjectInput {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** A retention mode (`inherit`, `default`, `none`, `provider_data_share`, `aws_review`, ...). */
  readonly dataRetention?: string;
}

/**
 * One modification. The API documents four kinds and does not say whether one request may carry
 * several, so the type (and the client, at run time) allows exactly one per request.
 */
export type ProjectChange =
  | { readonly name: string; readonly add_tags?: never; readonly remove_tag_keys?: never; readonly data_retention?: never }
  | { readonly add_tags: Readonly<Record<string, string>>; readonly name?: never; readonly remove_tag_keys?: never; readonly data_retention?: never }
  | { readonly remove_tag_keys: readonly string[]; readonly name?: never; readonly add_tags?: never; readonly data_retention?: never }
  | { readonly data_retention: { readonly mode: string }; readonly name?: never; readonly add_tags?: never; readonly remove_tag_keys?: never };

/** The fields a {@link ProjectChange} may set. */
export const PROJECT_CHANGE_FIELDS = ['name', 'add_tags', 'remove_tag_keys', 'data_retention'] as const;

/** One page of `GET /v1/organization/projects` (OpenAI cursor style). */
export interface ProjectPage {
  readonly data: readonly Project[];
  readonly first_id?: string | null;
  readonly last_id?: string | null;
  readonly has_more: boolean;
}

/**
 * The project in an answer, or undefined when the answer is not a project. Throws
 * `UnreadableTagsError` when it is a project whose tags cannot be read.
 */
export function toProject(value: unknown): Project | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') {
    return undefined;
  }
  const tags = readTags(value.tags);
  const retention = isRecord(value.data_retention) && typeof value.data_retention.mode === 'string'
    ? { mode: value.data_retention.mode }
    : undefined;
  return {
    id: value.id,
    arn: typeof value.arn === 'string' ? value.arn : '',
    name: typeof value.name === 'string' ? value.name : '',
    status: typeof value.status === 'string' ? value.status : 'active',
    created_at: typeof value.created_at === 'number' ? value.created_at : undefined,
    archived_at: typeof value.archived_at === 'number' ? value.archived_at : undefined,
    tags,
    data_retention: retention,
  };
}

/** The page in an answer, or undefined when the answer is not a list. */
export function toProjectPage(value: unknown): ProjectPage | undefined {
  if (!isRecord(value) || !Array.isArray(value.data)) {
    return undefined;
  }
  const data: Project[] = [];
  for (const entry of value.data) {
    const project = toProject(entry);
    if (project === undefined) {
      return undefined;
    }
    data.push(project);
  }
  return {
    data,
    first_id: typeof value.first_id === 'string' ? value.first_id : undefined,
    last_id: typeof value.last_id === 'string' ? value.last_id : undefined,
    has_more: value.has_more === true,
  };
}

/** Throws unless `change` sets exactly one of {@link PROJECT_CHANGE_FIELDS}. */
export function assertSingleChange(change: ProjectChange): void {
  const present = PROJECT_CHANGE_FIELDS.filter((field) => (change as Record<string, unknown>)[field] !== undefined);
  if (present.length !== 1) {
    throw new TypeError(`A project change must set exactly one of ${PROJECT_CHANGE_FIELDS.join(', ')}; got ${present.length ? present.join(', ') : 'none'}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
