import { DesiredProject } from './project-handler-properties';
import type { Project, ProjectChange } from '../../projects-api/projects-model';
import { OWNERSHIP_TAG_KEY } from '../resource-contract';

/** Most tags a project may carry. */
const MAX_TAGS = 200;

/**
 * The modifications that bring `live` to `desired`, one change per request (the API does not
 * say whether a request may carry several). Computed against the live project, not the previous
 * template, so that changes made outside CloudFormation are repaired too. Empty when nothing differs.
 *
 * The ownership mark is always part of the wanted tags and is never removed.
 */
export function planChanges(live: Project, desired: DesiredProject, ownershipMark: string): ProjectChange[] {
  const changes: ProjectChange[] = [];
  if (live.name !== desired.name) {
    changes.push({ name: desired.name });
  }

  const wanted: Record<string, string> = { ...desired.tags, [OWNERSHIP_TAG_KEY]: ownershipMark };
  const addTags: Record<string, string> = {};
  let newKeys = 0;
  for (const [key, value] of Object.entries(wanted)) {
    if (!Object.hasOwn(live.tags, key)) {
      newKeys++;
    }
    if (live.tags[key] !== value || !Object.hasOwn(live.tags, key)) {
      addTags[key] = value;
    }
  }
  // The mark's key is always wanted, so the first condition only states the rule explicitly.
  // Stryker disable next-line ConditionalExpression: equivalent, `wanted` always holds OWNERSHIP_TAG_KEY
  const removeKeys = Object.keys(live.tags).filter((key) => key !== OWNERSHIP_TAG_KEY && !Object.hasOwn(wanted, key));

  const add: ProjectChange | undefined = Object.keys(addTags).length ? { add_tags: addTags } : undefined;
  const remove: ProjectChange | undefined = removeKeys.length ? { remove_tag_keys: removeKeys } : undefined;
  // Adding first never leaves the project without a tag it should have (cost reports would show
  // the gap), but when replaced keys would push it over the limit, removing first is the only way.
  const addFirst = Object.keys(live.tags).length + newKeys <= MAX_TAGS;
  for (const change of addFirst ? [add, remove] : [remove, add]) {
    if (change) {
      changes.push(change);
    }
  }

  if (desired.dataRetention !== undefined && live.data_retention?.mode !== desired.dataRetention) {
    changes.push({ data_retention: { mode: desired.dataRetention } });
  }
  return changes;
}
