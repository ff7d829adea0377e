import { DesiredProject } from './project-handler-properties';
import type { Project, ProjectChange } from '../../projects-api/projects-model';
import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY } from '../resource-contract';

/** Most tags a project may carry; keys AWS itself adds (`aws:`) do not count. */
export const MAX_TAGS = 200;

/**
 * Whether AWS put the tag on the project. AWS reserves the `aws:` prefix (case-insensitive) for
 * the tags it adds; users cannot set or remove them, so they are never the stack's to change.
 */
export function isAwsTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** How many tags count against the limit. */
export function countedTags(keys: readonly string[]): number {
  return keys.filter((key) => !isAwsTagKey(key)).length;
}

/**
 * The modifications that bring `live` to `desired`, one change per request (the API does not
 * say whether a request may carry several). Computed against the live project, not the previous
 * template, so that changes made outside CloudFormation are repaired too. Empty when nothing differs.
 *
 * The ownership mark is always part of the wanted tags and is never removed. Tags AWS added are
 * never removed and never count as drift. The creation token is left in place, unless the wanted
 * tags need its room.
 */
export function planChanges(live: Project, desired: DesiredProject, ownershipMark: string): ProjectChange[] {
  const changes: ProjectChange[] = [];
  if (live.name !== desired.name) {
    changes.push({ name: desired.name });
  }

  const wanted: Record<string, string> = { ...desired.tags, [OWNERSHIP_TAG_KEY]: ownershipMark };
  const liveKeys = Object.keys(live.tags);
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
  const kept = (key: string) => key === OWNERSHIP_TAG_KEY || key === CREATE_REQUEST_TAG_KEY || isAwsTagKey(key) || Object.hasOwn(wanted, key);
  const removeKeys = liveKeys.filter((key) => !kept(key));
  // The creation token only matters while the Create may be sent again; past that it gives way.
  const afterChanges = countedTags(liveKeys) - removeKeys.length + newKeys;
  if (afterChanges > MAX_TAGS && Object.hasOwn(live.tags, CREATE_REQUEST_TAG_KEY)) {
    removeKeys.push(CREATE_REQUEST_TAG_KEY);
  }

  const add: ProjectChange | undefined = Object.keys(addTags).length ? { add_tags: addTags } : undefined;
  const remove: ProjectChange | undefined = removeKeys.length ? { remove_tag_keys: removeKeys } : undefined;
  // Adding first never leaves the project without a tag it should have (cost reports would show
  // the gap), but when replaced keys would push it over the limit, removing first is the only way.
  const addFirst = countedTags(liveKeys) + newKeys <= MAX_TAGS;
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
