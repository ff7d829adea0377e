import { Token } from 'aws-cdk-lib';

/** Longest project ID, from the CloudFormation schema of `AWS::BedrockMantle::Project`. */
const MAX_PROJECT_ID_LENGTH = 25;

/** `default` (the account's default project) or `proj_` and lowercase letters and digits. */
const PROJECT_ID_PATTERN = /^(default|proj_[a-z0-9]+)$/;

/** `arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`. */
const PROJECT_ARN_PATTERN = /^arn:[a-z0-9-]+:bedrock-mantle:[a-z0-9-]+:\d{12}:project\/(.+)$/;

/** Problems with a project ID, as sentences; empty when it is valid or a token. */
export function projectIdProblems(projectId: string): string[] {
  if (Token.isUnresolved(projectId)) {
    return [];
  }
  if (!PROJECT_ID_PATTERN.test(projectId) || projectId.length > MAX_PROJECT_ID_LENGTH) {
    return [`projectId '${projectId}' is not a Bedrock project ID; IDs are 'default' or 'proj_' followed by lowercase letters and digits, at most ${MAX_PROJECT_ID_LENGTH} characters (for example 'proj_5d5ykleja6cwpirysbb7'), as the Projects API and the stack outputs of BedrockProject report them`];
  }
  return [];
}

/** Problems with a project ARN given for `projectId`, as sentences; empty when valid or a token. */
export function projectArnProblems(projectArn: string, projectId: string): string[] {
  if (Token.isUnresolved(projectArn)) {
    return [];
  }
  const match = PROJECT_ARN_PATTERN.exec(projectArn);
  if (!match) {
    return [`projectArn '${projectArn}' is not a Bedrock project ARN; expected arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`];
  }
  if (!Token.isUnresolved(projectId) && match[1] !== projectId) {
    return [`projectArn '${projectArn}' names project '${match[1]}', not '${projectId}'; pass the ARN of the same project, or leave projectArn out to build it from the stack's partition, region and account`];
  }
  return [];
}
