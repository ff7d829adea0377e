import { CfnOutput, Names, Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { projectExportNames } from './export-names';
import { arnParameterName, idParameterName, parameterPrefixProblems, projectParameterPath } from './ssm-parameter-names';

/** What a project publishes for the stacks and apps that use it. */
export interface ProjectPublication {
  readonly projectName: string;
  readonly projectId: string;
  readonly projectArn: string;
  /** Whether to emit `CfnOutput`s with exports. */
  readonly outputs: boolean;
  /** Where to write SSM parameters; none when undefined. */
  readonly ssmParameterPrefix?: string;
}

/** The names under which a project was published. */
export interface PublishedNames {
  readonly projectIdExportName?: string;
  readonly projectArnExportName?: string;
  readonly ssmParameterPath?: string;
}

/**
 * Emits a project's ID and ARN as stack outputs with exports and, when a prefix is given, as
 * SSM String parameters `<prefix>/<project name>/id` and `/arn`.
 */
export function publishProject(scope: Construct, props: ProjectPublication): PublishedNames {
  const subject = Token.isUnresolved(props.projectName) ? 'Bedrock project' : `Bedrock project '${props.projectName}'`;
  let exportNames;
  if (props.outputs) {
    // A token name cannot be sanitized, but the construct path is just as stable.
    const stableName = Token.isUnresolved(props.projectName) ? Names.uniqueId(scope) : props.projectName;
    exportNames = projectExportNames(Stack.of(scope).stackName, stableName);
    new CfnOutput(scope, 'ProjectIdOutput', {
      description: `ID of ${subject}, for the OpenAI-Project header (OPENAI_PROJECT_ID)`,
      value: props.projectId,
      exportName: exportNames.projectId,
    });
    new CfnOutput(scope, 'ProjectArnOutput', {
      description: `ARN of ${subject}, for IAM policies`,
      value: props.projectArn,
      exportName: exportNames.projectArn,
    });
  }

  let parameterPath;
  if (props.ssmParameterPrefix !== undefined) {
    parameterPath = parameterPathOf(scope, props.ssmParameterPrefix, props.projectName);
    new ssm.StringParameter(scope, 'ProjectIdParameter', {
      parameterName: idParameterName(parameterPath),
      stringValue: props.projectId,
      description: `ID of ${subject}`,
    });
    new ssm.StringParameter(scope, 'ProjectArnParameter', {
      parameterName: arnParameterName(parameterPath),
      stringValue: props.projectArn,
      description: `ARN of ${subject}`,
    });
  }

  return {
    projectIdExportName: exportNames?.projectId,
    projectArnExportName: exportNames?.projectArn,
    ssmParameterPath: parameterPath,
  };
}

/**
 * The parameter path of a project, checked: writers and readers call this with the same
 * prefix and name and get the same path.
 */
export function parameterPathOf(scope: Construct, prefix: string, projectName: string): string {
  const problems = parameterPrefixProblems(prefix);
  if (problems.length > 0) {
    throw new Error(`${scope.node.path}: ${problems.join('; ')}`);
  }
  if (Token.isUnresolved(projectName)) {
    throw new Error(`${scope.node.path}: SSM parameter names are built from the project name, which is only known at deploy time here; pass a literal projectName, or leave ssmParameterPrefix unset`);
  }
  return projectParameterPath(prefix, projectName);
}
