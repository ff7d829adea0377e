/**
 * The contract between the `CostAllocationTags` construct (synth time) and its handler (deploy
 * time and schedule time). Both sides import these names, so a renamed property cannot silently
 * reach the handler as `undefined`. This file must not import anything: the handler bundle and
 * the jsii library both include it.
 */

/** The custom resource type. It can never change for a deployed resource, so it is fixed here. */
export const RESOURCE_TYPE = 'Custom::CostAllocationTags';

/**
 * Properties of the custom resource. CloudFormation hands every scalar to the handler as a
 * string, so the booleans travel as `'true'`/`'false'`.
 */
export const ResourceProperty = {
  /** The tag keys to activate: a list of strings, sorted and deduplicated at synth time. */
  TAG_KEYS: 'TagKeys',
  /** `YYYY-MM-01`, absent when no backfill is wanted. */
  BACKFILL_FROM: 'BackfillFrom',
  /** `'true'` to set the keys `Inactive` when they leave the resource. */
  DEACTIVATE_ON_DELETE: 'DeactivateOnDelete',
} as const;

/** Attributes (`Data`) the handler returns; every value is a string. */
export const ResourceAttribute = {
  /** Comma-joined keys that are active, possibly truncated (see the handler's response data). */
  ACTIVE_TAG_KEYS: 'ActiveTagKeys',
  /** Comma-joined keys that Cost Explorer has not registered yet, possibly truncated. */
  PENDING_TAG_KEYS: 'PendingTagKeys',
  /** Number of active keys, as a decimal string: exact even when the list is truncated. */
  ACTIVE_TAG_KEY_COUNT: 'ActiveTagKeyCount',
  /** Number of pending keys, as a decimal string. */
  PENDING_TAG_KEY_COUNT: 'PendingTagKeyCount',
  /**
   * `ENABLED` while keys are pending or after a backfill was refused because one was running,
   * else `DISABLED`: the state of the retry schedule.
   */
  RETRY_SCHEDULE_STATE: 'RetryScheduleState',
  /** What happened to the backfill in this operation, one of {@link BackfillOutcome}. */
  BACKFILL_STATUS: 'BackfillStatus',
} as const;

/** Values of the `BackfillStatus` attribute. */
export const BackfillOutcome = {
  /** No `backfillFrom` is configured. */
  NOT_REQUESTED: 'NOT_REQUESTED',
  /** A backfill was started by this operation. */
  STARTED: 'STARTED',
  /** Cost Explorer refused a new backfill because one is still running (one per 24 hours). */
  ALREADY_RUNNING: 'ALREADY_RUNNING',
  /**
   * No backfill was started: `backfillFrom` did not change, this update activated no key, and a
   * backfill was requested since the keys were last activated (or keys are pending, and the
   * activator sees to the backfill once they are active).
   */
  UNCHANGED: 'UNCHANGED',
} as const;

/**
 * Marks the payload the retry schedule sends to the activator, so the one bundled handler can
 * tell a scheduled retry from a CloudFormation event.
 */
export const RETRY_EVENT_SOURCE = 'cdk-bedrock-projects.cost-allocation-tags.retry';

/**
 * Fields of the retry payload: `{ "source": RETRY_EVENT_SOURCE, "tagKeys": [...], "scheduleArn": ... }`,
 * plus `"backfillFrom": "YYYY-MM-01"` when a backfill is configured.
 */
export const RetryEventField = {
  SOURCE: 'source',
  TAG_KEYS: 'tagKeys',
  BACKFILL_FROM: 'backfillFrom',
  /** The ARN of the schedule that sent the payload, so the activator can turn it off. */
  SCHEDULE_ARN: 'scheduleArn',
} as const;

/** The EventBridge Scheduler context attribute that Scheduler replaces with the schedule's ARN. */
export const SCHEDULE_ARN_CONTEXT_ATTRIBUTE = '<aws.scheduler.schedule-arn>';

/** Cost Explorer returns at most this many entries per `ListCostAllocationTagBackfillHistory` page. */
export const BACKFILL_HISTORY_PAGE_LIMIT = 1000;

/** Cost Explorer accepts at most this many keys in one `ListCostAllocationTags` call. */
export const LIST_TAG_KEYS_LIMIT = 100;

/** Cost Explorer accepts at most this many entries in one `UpdateCostAllocationTagsStatus` call. */
export const UPDATE_BATCH_LIMIT = 20;

/** The default quota of active user-defined cost allocation tag keys per payer account. */
export const MAX_ACTIVE_TAG_KEYS = 500;
