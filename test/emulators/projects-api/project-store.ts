import { randomInt } from 'crypto';
import { EmulatedApiError, notFoundError, validationError } from './api-error';
import { checkDataRetention, checkName, checkTagCount, checkTagKey, checkTagMap } from './validation';

/** A project as the service stores and returns it. */
export interface StoredProject {
  id: string;
  arn: string;
  name: string;
  object: 'organization.project';
  status: 'active' | 'archived';
  created_at: number;
  archived_at?: number;
  tags: Record<string, string>;
  data_retention: { mode: string };
}

/** How the emulated list answers; each switch imitates a server the client must cope with. */
export interface ListBehaviour {
  /** Ignore `limit` and `after` and return every project on each call. */
  ignorePaging?: boolean;
  /** Honour `limit` but ignore `after`: every call returns the first page again. */
  ignoreCursor?: boolean;
  /** Projects per page when the request sends no `limit`. @default 20 */
  defaultPageSize?: number;
  /** Largest page whatever `limit` asks for. @default 100 */
  maxPageSize?: number;
  /** Answer `has_more: true` on every page, even the last. */
  alwaysHasMore?: boolean;
  /**
   * A project appears in list results only this many milliseconds after it was created, as with
   * a list served from an eventually consistent index. Create, retrieve and modify see it at once.
   * @default 0
   */
  lagMs?: number;
}

export interface ProjectPageBody {
  object: 'list';
  data: StoredProject[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface ProjectStoreOptions {
  readonly region: string;
  readonly account: string;
  /** Drop `data_retention` from create requests, as a service that only sets it by modify would. */
  readonly createIgnoresDataRetention?: boolean;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MODIFY_FIELDS = ['name', 'add_tags', 'remove_tag_keys', 'data_retention'];

/** The projects of one account and region, with the service's rules (aws-facts §1). */
export class ProjectStore {
  private readonly projects = new Map<string, StoredProject>();
  /** When each project was created through the API, in epoch milliseconds (for the list lag). */
  private readonly createdAtMs = new Map<string, number>();

  constructor(private readonly options: ProjectStoreOptions) {
    // Every account has a default project from the start; it cannot be changed.
    this.projects.set('default', {
      id: 'default',
      arn: this.arnOf('default'),
      name: 'Default project',
      object: 'organization.project',
      status: 'active',
      created_at: unixSeconds(),
      tags: {},
      data_retention: { mode: 'inherit' },
    });
  }

  public create(body: unknown): StoredProject {
    const input = requireObject(body);
    const name = checkName(input.name);
    const tags = input.tags === undefined ? {} : checkTagMap(input.tags, 'tags');
    checkTagCount(tags);
    const retention = input.data_retention === undefined || this.options.createIgnoresDataRetention
      ? { mode: 'inherit' }
      : checkDataRetention(input.data_retention);
    const id = this.newId();
    const project: StoredProject = {
      id, arn: this.arnOf(id), name, object: 'organization.project', status: 'active', created_at: unixSeconds(), tags, data_retention: retention,
    };
    this.projects.set(id, project);
    this.createdAtMs.set(id, Date.now());
    return copy(project);
  }

  public get(id: string): StoredProject {
    return copy(this.find(id));
  }

  /** Applies exactly one of `name`, `add_tags`, `remove_tag_keys`, `data_retention`. */
  public modify(id: string, body: unknown): StoredProject {
    const project = this.find(id);
    const input = requireObject(body);
    const fields = Object.keys(input);
    const known = fields.filter((field) => MODIFY_FIELDS.includes(field));
    if (fields.length !== 1 || known.length !== 1) {
      throw validationError(`exactly one of ${MODIFY_FIELDS.join(', ')} must be set, got ${fields.length ? fields.join(', ') : 'none'}`);
    }
    this.requireChangeable(project);
    const value = input[known[0]];
    switch (known[0]) {
      case 'name':
        project.name = checkName(value);
        break;
      case 'add_tags': {
        const merged = { ...project.tags, ...checkTagMap(value, 'add_tags') };
        checkTagCount(merged);
        project.tags = merged;
        break;
      }
      case 'remove_tag_keys': {
        if (!Array.isArray(value)) {
          throw validationError('remove_tag_keys: expected an array of tag keys');
        }
        const keys = value.map((key) => checkTagKey(key, 'remove_tag_keys'));
        project.tags = Object.fromEntries(Object.entries(project.tags).filter(([key]) => !keys.includes(key)));
        break;
      }
      default:
        project.data_retention = checkDataRetention(value);
    }
    return copy(project);
  }

  /** Terminal; archiving an archived project changes nothing and succeeds. */
  public archive(id: string): StoredProject {
    const project = this.find(id);
    if (project.id === 'default') {
      throw new EmulatedApiError(400, 'invalid_request_error', 'The default project cannot be archived');
    }
    if (project.status !== 'archived') {
      project.status = 'archived';
      project.archived_at = unixSeconds();
    }
    return copy(project);
  }

  public list(query: URLSearchParams, behaviour: ListBehaviour): ProjectPageBody {
    const visibleFrom = Date.now() - (behaviour.lagMs ?? 0);
    const all = [...this.projects.values()].filter((project) => (this.createdAtMs.get(project.id) ?? 0) <= visibleFrom);
    let page: StoredProject[];
    let hasMore: boolean;
    if (behaviour.ignorePaging) {
      page = all;
      hasMore = false;
    } else {
      const limit = pageLimit(query.get('limit'), behaviour);
      const after = behaviour.ignoreCursor ? null : query.get('after');
      let start = 0;
      if (after !== null) {
        const index = all.findIndex((project) => project.id === after);
        if (index < 0) {
          throw validationError(`after: no project '${after}'`);
        }
        start = index + 1;
      }
      page = all.slice(start, start + limit);
      hasMore = start + limit < all.length;
    }
    return {
      object: 'list',
      data: page.map(copy),
      first_id: page[0]?.id ?? null,
      last_id: page[page.length - 1]?.id ?? null,
      has_more: behaviour.alwaysHasMore ? true : hasMore,
    };
  }

  /** Every project, archived ones and the default project included (copies). */
  public all(): StoredProject[] {
    return [...this.projects.values()].map(copy);
  }

  /** The active projects other than the default project. */
  public activeProjects(): StoredProject[] {
    return this.all().filter((project) => project.status === 'active' && project.id !== 'default');
  }

  /** Test support: puts a project in place directly, as another tool or a person would have made it. */
  public seed(fields: Partial<StoredProject> & { name: string }): StoredProject {
    const id = fields.id ?? this.newId();
    const project: StoredProject = {
      arn: this.arnOf(id),
      object: 'organization.project',
      status: 'active',
      created_at: unixSeconds(),
      tags: {},
      data_retention: { mode: 'inherit' },
      ...fields,
      id,
    };
    this.projects.set(id, copy(project));
    return copy(project);
  }

  /** Test support: changes a project out of band (drift), bypassing the API's rules. */
  public tamper(id: string, change: (project: StoredProject) => void): StoredProject {
    const project = this.find(id);
    change(project);
    return copy(project);
  }

  private find(id: string): StoredProject {
    const project = this.projects.get(id);
    if (project === undefined) {
      throw notFoundError(`Project '${this.arnOf(id)}' not found`);
    }
    return project;
  }

  private requireChangeable(project: StoredProject): void {
    if (project.id === 'default') {
      throw new EmulatedApiError(400, 'invalid_request_error', 'The default project cannot be updated or tagged');
    }
    if (project.status === 'archived') {
      throw new EmulatedApiError(409, 'conflict_error', `Project '${project.id}' is archived and cannot be modified`);
    }
  }

  private newId(): string {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 20; i++) {
        suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      }
      const id = `proj_${suffix}`;
      if (!this.projects.has(id)) {
        return id;
      }
    }
  }

  private arnOf(id: string): string {
    return `arn:aws:bedrock-mantle:${this.options.region}:${this.options.account}:project/${id}`;
  }
}

function pageLimit(raw: string | null, behaviour: ListBehaviour): number {
  const max = behaviour.maxPageSize ?? 100;
  if (raw === null) {
    return Math.min(behaviour.defaultPageSize ?? 20, max);
  }
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) {
    throw validationError(`limit: expected a positive integer, got '${raw}'`);
  }
  return Math.min(limit, max);
}

function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError('expected a JSON object body');
  }
  return body as Record<string, unknown>;
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
