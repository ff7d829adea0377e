import { createHash } from 'crypto';

/**
 * The tag key by which the provider recognises the project that a `Custom::BedrockProject`
 * resource owns. Reserved: users may not set it, and the provider never removes it.
 *
 * It is what makes a retried Create safe (the provider adopts the project it already made instead
 * of making a second one) and what keeps Delete from archiving a project it did not create.
 */
export const OWNERSHIP_TAG_KEY = 'cdk-bedrock-projects:owner';

/** Longest tag value the Projects API accepts. */
const MAX_TAG_VALUE_LENGTH = 256;

/**
 * The ownership mark's value for one resource: `<stack uuid>/<logical id>`.
 *
 * The stack's UUID, not its name, so that a stack deleted with a retained project and created
 * again under the same name does not take the old project over. A value too long for a tag is
 * replaced by its SHA-256 digest, which identifies the resource just as well.
 *
 * @param stackId the event's `StackId`, `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`
 * @param logicalResourceId the event's `LogicalResourceId`
 */
export function ownershipMarkValue(stackId: string, logicalResourceId: string): string {
  const stackUuid = /\/([0-9a-fA-F-]{36})$/.exec(stackId)?.[1] ?? stackId;
  const value = `${stackUuid}/${logicalResourceId}`;
  return value.length <= MAX_TAG_VALUE_LENGTH ? value : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}
