import { CfnElement, Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { projectExportNames } from './export-names';
import { arnParameterName, idParameterName, parameterPrefixProblems, projectParameterPath } from './ssm-parameter-names';
import { StackProjectOutputs } from './stack-project-outputs';
import { validationError } from '../validation-error';

/** What a project publishes for the stacks and apps that use it. */
export interface ProjectPublication {
  readonly projectName: string;
  /** The stable name exports and parameters are built from; never the project name by default. */
  readonly publishedName: string;
  /** The project's CloudFormation resource, whose attributes the outputs give. */
  readonly resource: CfnElement;
  /** The resource's attributes holding the project's ID and ARN. */
  readonly idAttribute: string;
  readonly arnAttribute: string;
  /** The project, whose ID and ARN the SSM parameters hold. */
  readonly project: { readonly projectId: string; readonly projectArn: string };
  /** Whether to emit the ID as a `CfnOutput` with an export. */
  readonly outputs: boolean;
  /** Whether to emit the ARN too (only with `outputs`). */
  readonly arnOutput: boolean;
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
 * Emits a project's ID (and, on request, its ARN) as stack outputs with exports (written by the
 * stack's {@link StackProjectOutputs}) and, when a
 * prefix is given, its ID and ARN as SSM String parameters `<prefix>/<published name>/id` and
 * `/arn`.
 *
 * The names come from the published name, not the project name: a renamed project keeps its
 * exports (which the stacks importing them would block from changing) and its parameters
 * (whose removal would break their readers).
 */
export function publishProject(scope: Construct, props: ProjectPublication): PublishedNames {
  const subject = Token.isUnresolved(props.projectName) ? 'Bedrock project' : `Bedrock project '${props.projectName}'`;
  let exportNames;
  if (props.outputs) {
    exportNames = projectExportNames(Stack.of(scope).stackName, props.publishedName);
    // One element per stack writes every project's outputs: see StackProjectOutputs.
    const outputs = StackProjectOutputs.of(scope);
    outputs.add({
      owner: scope,
      id: 'ProjectIdOutput',
      description: `ID of ${subject}, for the OpenAI-Project header (OPENAI_PROJECT_ID)`,
      value: { resource: props.resource, attribute: props.idAttribute },
      exportName: exportNames.projectId,
    });
    if (props.arnOutput) {
      outputs.add({
        owner: scope,
        id: 'ProjectArnOutput',
        description: `ARN of ${subject}, for IAM policies`,
        value: { resource: props.resource, attribute: props.arnAttribute },
        exportName: exportNames.projectArn,
      });
    }
  }

  let parameterPath;
  if (props.ssmParameterPrefix !== undefined) {
    parameterPath = parameterPathOf(scope, props.ssmParameterPrefix, props.publishedName);
    new ssm.StringParameter(scope, 'ProjectIdParameter', {
      parameterName: idParameterName(parameterPath),
      stringValue: props.project.projectId,
      description: `ID of ${subject}`,
    });
    new ssm.StringParameter(scope, 'ProjectArnParameter', {
      parameterName: arnParameterName(parameterPath),
      stringValue: props.project.projectArn,
      description: `ARN of ${subject}`,
    });
  }

  return {
    projectIdExportName: exportNames?.projectId,
    projectArnExportName: props.arnOutput ? exportNames?.projectArn : undefined,
    ssmParameterPath: parameterPath,
  };
}

/** Problems with a published name, as sentences; empty when it is usable. */
export function publishedNameProblems(publishedName: string): string[] {
  if (Token.isUnresolved(publishedName)) {
    return ['publishedName names exports and SSM parameters and must be known at synth time; pass a literal string'];
  }
  if (publishedName.trim() === '') {
    return ['publishedName is empty; pass a name such as the project\'s construct id'];
  }
  return [];
}

/**
 * The parameter path of a project, checked: writers and readers call this with the same
 * prefix and published name and get the same path.
 */
export function parameterPathOf(scope: Construct, prefix: string, publishedName: string): string {
  const problems = [...parameterPrefixProblems(prefix), ...publishedNameProblems(publishedName)];
  if (problems.length > 0) {
    throw validationError(scope, 'ProjectPublicationInvalid', problems);
  }
  return projectParameterPath(prefix, publishedName);
}
