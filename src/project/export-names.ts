import { Token } from 'aws-cdk-lib';
import { nameSegment } from './name-segment';

/** CloudFormation's limit on the length of an export name. */
export const MAX_EXPORT_NAME_LENGTH = 255;

/** Longest stack name CloudFormation accepts; assumed when the stack name is a token. */
const MAX_STACK_NAME_LENGTH = 128;

/** Export names may contain only these characters (CloudFormation `Outputs` reference). */
const EXPORT_NAME_DISALLOWED = /[^A-Za-z0-9:-]+/g;

const ID_SUFFIX = 'ProjectId';
const ARN_SUFFIX = 'ProjectArn';

/** The export names of one project's outputs. */
export interface ProjectExportNames {
  readonly projectId: string;
  readonly projectArn: string;
}

/**
 * The export names of a project's ID and ARN: `<stackName>:<published name>:ProjectId` and
 * `...:ProjectArn`.
 *
 * Exports must be unique per account and region. The stack name is unique there and cannot
 * contain `:`, so the first `:` ends it and two stacks never produce the same name; within a
 * stack, published names are unique and `nameSegment` keeps them apart after sanitizing.
 *
 * @param stackName the stack's name
 * @param publishedName the project's published name (by default its construct id), which does
 * not change when the project is renamed
 */
export function projectExportNames(stackName: string, publishedName: string): ProjectExportNames {
  const stackLength = Token.isUnresolved(stackName) ? MAX_STACK_NAME_LENGTH : stackName.length;
  const longestSuffix = Math.max(ID_SUFFIX.length, ARN_SUFFIX.length);
  const maxSegment = MAX_EXPORT_NAME_LENGTH - stackLength - longestSuffix - 2;
  const segment = nameSegment(publishedName, EXPORT_NAME_DISALLOWED, maxSegment);
  return {
    projectId: `${stackName}:${segment}:${ID_SUFFIX}`,
    projectArn: `${stackName}:${segment}:${ARN_SUFFIX}`,
  };
}
