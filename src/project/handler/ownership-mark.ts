import { createHash } from 'crypto';

/** Longest tag value the Projects API accepts. */
const MAX_TAG_VALUE_LENGTH = 256;

/**
 * The ownership mark's value for one resource: `<stack name>/<logical id>`.
 *
 * The stack's name, not its UUID: a stack name is unique in an account and region at any time, and
 * so is the mark. When a stack is deleted with its projects retained, or its first deployment fails
 * and it is deleted to try again, the stack created again under the same name adopts the projects
 * its resources already made instead of making a second project of each. A value too long for a tag
 * is replaced by its SHA-256 digest, which identifies the resource just as well.
 *
 * @param stackId the event's `StackId`, `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`
 * @param logicalResourceId the event's `LogicalResourceId`
 */
export function ownershipMarkValue(stackId: string, logicalResourceId: string): string {
  const stackName = /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? stackId;
  const value = `${stackName}/${logicalResourceId}`;
  return value.length <= MAX_TAG_VALUE_LENGTH ? value : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}
