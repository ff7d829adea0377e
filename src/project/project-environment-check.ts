import { Annotations, ResourceEnvironment, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { validationError } from '../validation-error';

/**
 * Imported projects whose ARN, written out by the user, names their region: the endpoint follows
 * that region, so using them from another region of the same account is a stated choice.
 */
const projectsWithStatedRegion = new WeakSet<IConstruct>();

/** Marks `project` as imported from an ARN that names its region. */
export function markRegionStatedByArn(project: IConstruct): void {
  projectsWithStatedRegion.add(project);
}

/** The project being used, as the check sees it. */
export interface ProjectInUse {
  readonly construct: IConstruct;
  readonly env: ResourceEnvironment;
  /** How messages name the project, e.g. `Bedrock project 'Chatbot'`. */
  readonly subject: string;
}

/** What the grant is for, when it is a construct: the function or role the user passed, else its principal. */
function consumerOf(grantee: iam.IGrantable): IConstruct | undefined {
  if (Construct.isConstruct(grantee)) {
    return grantee;
  }
  const principal = grantee.grantPrincipal;
  return Construct.isConstruct(principal) ? principal : undefined;
}

/**
 * Fails when `grantee` belongs to a stack whose account or region is known and differs from the
 * project's, and warns when one of them is known only at deploy time.
 *
 * A project is used from its own account and region: AWS documents no cross-account use (a
 * grant on another account's project lets nothing through), and projects are regional. Newer
 * aws-cdk-lib releases carry values across accounts and regions with weak cross-stack references
 * (`Fn::GetStackOutput`), so such a use would otherwise synthesize without a word.
 */
export function checkProjectEnvironment(project: ProjectInUse, grantee: iam.IGrantable): void {
  const consumer = consumerOf(grantee);
  if (!consumer) {
    return;
  }
  const stack = Stack.of(consumer);
  const statedRegion = projectsWithStatedRegion.has(project.construct);
  const differs: string[] = [];
  let unknown = false;
  const compare = (what: 'account' | 'region', ofProject: string, ofConsumer: string) => {
    if (Token.isUnresolved(ofProject) || Token.isUnresolved(ofConsumer)) {
      // The same token on both sides (the pseudo parameters of environment-agnostic stacks) is
      // the same value at deploy time.
      unknown ||= ofProject !== ofConsumer;
    } else if (ofProject !== ofConsumer && !(what === 'region' && statedRegion)) {
      differs.push(what);
    }
  };
  compare('account', project.env.account, stack.account);
  compare('region', project.env.region, stack.region);

  const projectPlace = `account ${show(project.env.account)} and region ${show(project.env.region)}`;
  const consumerPlace = `account ${show(stack.account)} and region ${show(stack.region)}`;
  if (differs.length > 0) {
    throw validationError(consumer, 'BedrockProjectInAnotherEnvironment', [
      `${project.subject} (${project.construct.node.path}) is in ${projectPlace}, but ${consumer.node.path} is in stack '${stack.stackName}' of ${consumerPlace}: the project is in another ${differs.join(' and ')}. `
      + 'A project is used from its own account and region: requests are signed with the caller\'s account, AWS documents no cross-account use of projects, and projects are regional. '
      + `Declare a project in a stack of ${consumerPlace} (a BedrockProject, or an import of one there) and use that one, or move ${consumer.node.id} to a stack of ${projectPlace}.`,
    ]);
  }
  if (unknown) {
    Annotations.of(consumer).addWarningV2('cdk-bedrock-projects:projectEnvironmentUnknown',
      `${project.subject} (${project.construct.node.path}) is used by ${consumer.node.path}, but the account and region of the project or of stack '${stack.stackName}' are not known at synth time, so they cannot be checked to be the same. `
      + 'A project is used from its own account and region. Give both stacks an explicit env with account and region (and an imported project a literal ARN), or acknowledge this warning.');
  }
}

function show(value: string): string {
  return Token.isUnresolved(value) ? '(unknown)' : value;
}
