import { CfnOutput, CfnParameter, CfnResource, DefaultStackSynthesizer, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { StackProjectOutputs } from './stack-project-outputs';

/** CloudFormation's per-stack quotas that many projects in one stack can reach. */
export const MAX_STACK_RESOURCES = 500;
export const MAX_STACK_OUTPUTS = 200;
export const MAX_STACK_PARAMETERS = 200;

/** Stacks whose limit check is already registered, so each stack is walked once per synth. */
const checkedStacks = new WeakSet<Stack>();

/**
 * Makes synthesis of `scope`'s stack fail, instead of its deployment, when the template would
 * exceed CloudFormation's quotas on resources, outputs or parameters, or repeat an export name.
 *
 * The check is registered once per stack, however many projects call this, and runs after CDK
 * has added the exports of cross-stack references, so those are counted too.
 *
 * @param scope any construct in the stack
 * @param projectResourceType the resource type of declared projects, to count them in messages
 */
export function checkStackLimits(scope: IConstruct, projectResourceType: string): void {
  const stack = Stack.of(scope);
  if (checkedStacks.has(stack)) {
    return;
  }
  checkedStacks.add(stack);
  stack.node.addValidation({ validate: () => stackLimitProblems(stack, projectResourceType) });
}

function stackLimitProblems(stack: Stack, projectResourceType: string): string[] {
  let resources = 0;
  let projects = 0;
  let parameters = 0;
  const outputsByExport = new Map<string, string[]>();
  let outputs = 0;
  const addOutput = (path: string, exportName: string | undefined) => {
    outputs++;
    if (exportName !== undefined && !Token.isUnresolved(exportName)) {
      outputsByExport.set(exportName, [...outputsByExport.get(exportName) ?? [], path]);
    }
  };
  for (const construct of stack.node.findAll()) {
    // Constructs of nested stacks go into their own templates.
    if (Stack.of(construct) !== stack) {
      continue;
    }
    if (CfnResource.isCfnResource(construct)) {
      resources++;
      if (construct.cfnResourceType === projectResourceType) {
        projects++;
      }
    } else if (construct instanceof CfnOutput) {
      addOutput(construct.node.path, construct.exportName);
    } else if (construct instanceof StackProjectOutputs) {
      construct.outputs.forEach((o) => addOutput(o.path, o.exportName));
    } else if (construct instanceof CfnParameter) {
      parameters++;
    }
  }

  // The default synthesizer adds its BootstrapVersion parameter after validation; count it now.
  if (stack.synthesizer instanceof DefaultStackSynthesizer && !stack.node.tryFindChild('BootstrapVersion')) {
    parameters++;
  }

  // A nested stack's name is only known at deploy time.
  const name = Token.isUnresolved(stack.stackName) ? `Stack '${stack.node.path}'` : `Stack '${stack.stackName}'`;
  const projectsPart = `its ${projects} Bedrock project${projects === 1 ? '' : 's'}`;
  const problems: string[] = [];
  if (outputs > MAX_STACK_OUTPUTS) {
    problems.push(`${name} would have ${outputs} outputs, but CloudFormation allows at most ${MAX_STACK_OUTPUTS} per stack; `
      + `${projectsPart} add 1 output each (ProjectId; 2 with arnOutput) and every value another stack of the app references adds one. `
      + 'Move some projects to another stack (for example one ProjectPortfolio per stack), '
      + 'or set outputs: false on projects that other stacks reference directly or read from SSM parameters');
  }
  if (resources > MAX_STACK_RESOURCES) {
    problems.push(`${name} would have ${resources} resources, but CloudFormation allows at most ${MAX_STACK_RESOURCES} per stack; `
      + `${projectsPart} add 1 resource each, and 2 more each when ssmParameterPrefix is set. `
      + 'Move some projects to another stack (for example one ProjectPortfolio per stack), or leave ssmParameterPrefix unset');
  }
  if (parameters > MAX_STACK_PARAMETERS) {
    problems.push(`${name} would have ${parameters} parameters, but CloudFormation allows at most ${MAX_STACK_PARAMETERS} per stack; `
      + 'each project imported with BedrockProject.fromSsmParameters adds 2. '
      + 'Import fewer projects in this stack, or import them with BedrockProject.fromProjectAttributes');
  }
  for (const [exportName, paths] of outputsByExport) {
    if (paths.length > 1) {
      problems.push(`${name}: outputs ${paths.join(', ')} share the export name '${exportName}', which CloudFormation rejects; give the projects different construct ids or publishedNames, or set outputs: false on all but one`);
    }
  }
  return problems;
}
