import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { BackfillOutcome } from '../resource-contract';
import { ActivatorBackfillOutcome, backfillAfterActivation } from './backfill-after-activation';
import { CostAllocationTagApi } from './cost-explorer-api';
import { CostExplorerCalls } from './cost-explorer-calls';
import { describeError, errorDetail, isLinkedAccountDenial } from './cost-explorer-errors';
import { newReconcileProgress, ReconcileResult, reconcileTags } from './reconcile-tags';
import { parseProperties } from './resource-properties';
import { responseData } from './response-data';
import { startBackfill } from './start-backfill';
import { newProgress, updateTagStatuses } from './update-tag-statuses';
import { logJson } from '../../handler-shared/handler-log';

/**
 * The physical ID the provider framework reports when a Create threw; it then skips the Delete,
 * but a Delete with this ID can still arrive (e.g. from an older framework) and must do nothing.
 */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

export interface OnEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/**
 * The custom resource lifecycle.
 *
 * - Create: activate the keys that are registered and inactive; report unregistered keys as
 *   pending (the deployment succeeds); start the backfill if one is configured.
 * - Update: the same for the new key list; keys dropped from the list are set inactive only with
 *   `DeactivateOnDelete`; a backfill starts when its date changed, the update activated keys (a
 *   backfill re-applies the current status, so keys activated later need one of their own), or
 *   none was requested since the keys were last activated (see {@link updateBackfill}).
 * - Delete: nothing, unless `DeactivateOnDelete`, because activation is account-wide and other
 *   stacks may rely on it.
 *
 * The physical ID never changes after Create, so CloudFormation never replaces the resource (a
 * replacement would send a Delete for the old ID and could deactivate keys the new one needs).
 */
export async function onEvent(event: CloudFormationCustomResourceEvent, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<OnEventResult> {
  logJson('info', 'Cost allocation tags event', {
    requestType: event.RequestType,
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: 'PhysicalResourceId' in event ? event.PhysicalResourceId : undefined,
    resourceProperties: event.ResourceProperties,
    oldResourceProperties: event.RequestType === 'Update' ? event.OldResourceProperties : undefined,
  });
  try {
    switch (event.RequestType) {
      case 'Create':
        return await onCreate(event, api, calls);
      case 'Update':
        return await onUpdate(event, api, calls);
      case 'Delete':
        return await onDelete(event, api, calls);
    }
  } catch (error) {
    logJson('error', 'Cost allocation tags operation failed', {
      requestType: event.RequestType,
      logicalResourceId: event.LogicalResourceId,
      error: errorDetail(error),
    });
    throw new Error(failureReason(event, error));
  }
}

async function onCreate(event: CloudFormationCustomResourceEvent, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<OnEventResult> {
  const props = parseProperties(event.ResourceProperties);
  const progress = newReconcileProgress();
  try {
    const result = await reconcileTags(api, { activate: props.tagKeys, deactivate: [] }, calls, progress);
    const backfill = props.backfillFrom ? await startBackfill(api, props.backfillFrom, calls) : BackfillOutcome.NOT_REQUESTED;
    logJson('info', 'Created', { active: result.active, pending: result.pending, activatedNow: result.activatedNow, backfill });
    return {
      PhysicalResourceId: physicalIdFor(event),
      Data: responseData(result.active, result.pending, backfill),
    };
  } catch (error) {
    // The framework skips Delete after a failed Create, so a Create that activated keys must undo
    // them itself, but only where the user asked for deactivation: by default keys stay active.
    if (props.deactivateOnDelete && progress.activation.changed.length > 0) {
      await undoActivation(api, progress.activation.changed, calls);
    }
    throw error;
  }
}

async function onUpdate(event: CloudFormationCustomResourceEvent & { RequestType: 'Update' }, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<OnEventResult> {
  const props = parseProperties(event.ResourceProperties);
  const old = parseProperties(event.OldResourceProperties);
  const dropped = old.tagKeys.filter((k) => !props.tagKeys.includes(k));
  // Every key is read again, not just the added ones: keys pending since an earlier deployment
  // may be registered by now, and the attributes must describe the whole list.
  const result = await reconcileTags(api, {
    activate: props.tagKeys,
    deactivate: props.deactivateOnDelete ? dropped : [],
  }, calls);

  const backfill = props.backfillFrom
    ? await updateBackfill(api, props.backfillFrom, old.backfillFrom, result, calls)
    : BackfillOutcome.NOT_REQUESTED;
  logJson('info', 'Updated', {
    active: result.active,
    pending: result.pending,
    activatedNow: result.activatedNow,
    deactivatedNow: result.deactivatedNow,
    backfill,
  });
  return {
    PhysicalResourceId: event.PhysicalResourceId,
    Data: responseData(result.active, result.pending, backfill),
  };
}

/**
 * The backfill of an Update. A new date or newly activated keys always need one. Otherwise one may
 * still be owed: an earlier deployment's request refused as already running left the schedule on
 * so that the activator would ask again, and this update's answer turns the schedule off before
 * the activator has run. So the update makes the activator's own check (the backfill history
 * against the keys' last activation) and requests the backfill itself when it is owed; refused
 * again, it reports `ALREADY_RUNNING`, which keeps the schedule on. Asking at once rather than
 * only keeping the schedule on also covers constructs without retries, which have no schedule.
 * While keys are pending the schedule stays on anyway, and the check is left to the activator.
 */
async function updateBackfill(
  api: CostAllocationTagApi,
  backfillFrom: string,
  oldBackfillFrom: string | undefined,
  result: ReconcileResult,
  calls: CostExplorerCalls,
): Promise<string> {
  if (backfillFrom !== oldBackfillFrom || result.activatedNow.length > 0) {
    return startBackfill(api, backfillFrom, calls);
  }
  if (result.pending.length > 0) {
    return BackfillOutcome.UNCHANGED;
  }
  const outcome = await backfillAfterActivation(api, backfillFrom, result, calls);
  return outcome === ActivatorBackfillOutcome.UP_TO_DATE ? BackfillOutcome.UNCHANGED : outcome;
}

async function onDelete(event: CloudFormationCustomResourceEvent & { RequestType: 'Delete' }, api: CostAllocationTagApi, calls: CostExplorerCalls): Promise<OnEventResult> {
  if (event.PhysicalResourceId === CREATE_FAILED_MARKER) {
    logJson('info', 'Nothing to delete: the Create failed');
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const props = parseProperties(event.ResourceProperties);
  if (props.deactivateOnDelete) {
    const result = await reconcileTags(api, { activate: [], deactivate: props.tagKeys }, calls);
    logJson('info', 'Deleted', { deactivatedNow: result.deactivatedNow });
  } else {
    logJson('info', 'Deleted; tag keys stay active (deactivateOnDelete is false)', { tagKeys: props.tagKeys });
  }
  return { PhysicalResourceId: event.PhysicalResourceId };
}

/** Best effort: an error here is logged, and the Create's own error is the one reported. */
async function undoActivation(api: CostAllocationTagApi, keys: string[], calls: CostExplorerCalls): Promise<void> {
  try {
    await updateTagStatuses(api, keys, 'Inactive', calls, newProgress());
    logJson('info', 'Deactivated the keys the failed Create had activated', { keys });
  } catch (error) {
    logJson('error', 'Could not deactivate the keys the failed Create had activated', { keys, error: errorDetail(error) });
  }
}

/** One stable ID per resource; it carries the logical ID so that log lines and events match up. */
function physicalIdFor(event: CloudFormationCustomResourceEvent): string {
  return `CostAllocationTags-${event.LogicalResourceId}`;
}

function failureReason(event: CloudFormationCustomResourceEvent, error: unknown): string {
  const what = `${event.RequestType} of cost allocation tags ${event.LogicalResourceId} failed`;
  if (isLinkedAccountDenial(error)) {
    return `${what}: this is a member (linked) account of an AWS Organization, and only the management (payer) account`
      + ' can activate cost allocation tags. Deploy the CostAllocationTags construct in a stack of the organization\'s'
      + ` management account instead. (${describeError(error)})`;
  }
  return `${what}: ${describeError(error)}`.replace(/\s+/g, ' ');
}
