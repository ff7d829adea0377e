import { App, CfnOutput, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Node } from 'constructs';
import { BedrockProject, BedrockProjectProps } from '../../src';

/**
 * Resources every stack with projects holds besides the projects: the provider's handler and
 * framework functions, their roles, policies and log groups.
 */
const PROVIDER_RESOURCES = 8;

function newStack(app = new App()): Stack {
  return new Stack(app, 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

function stackWithProjects(count: number, props: Partial<BedrockProjectProps> = {}): Stack {
  const stack = newStack();
  for (let i = 0; i < count; i++) {
    new BedrockProject(stack, `P${i}`, { projectName: `project-${i}`, ...props });
  }
  return stack;
}

function synthError(stack: Stack): string | undefined {
  try {
    Template.fromStack(stack);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('CloudFormation limits per stack', () => {
  test('the provider adds the resources the limits below assume', () => {
    const template = Template.fromStack(stackWithProjects(1, { outputs: false }));
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(PROVIDER_RESOURCES + 1);
  });

  test('with defaults, 200 projects fit (200 outputs) and the 201st fails synth', () => {
    const atLimit = stackWithProjects(200);
    expect(synthError(atLimit)).toBeUndefined();
    expect(Object.keys(Template.fromStack(atLimit).toJSON().Outputs)).toHaveLength(200);

    expect(synthError(stackWithProjects(201))).toContain(
      "[Prod] Stack 'Prod' would have 201 outputs, but CloudFormation allows at most 200 per stack; "
      + 'its 201 Bedrock projects add 1 output each (ProjectId; 2 with arnOutput) and every value another stack of the app references adds one. '
      + 'Move some projects to another stack (for example one ProjectPortfolio per stack), '
      + 'or set outputs: false on projects that other stacks reference directly or read from SSM parameters',
    );
  });

  test('with ARN outputs, 100 projects fit and the 101st fails synth', () => {
    expect(synthError(stackWithProjects(100, { arnOutput: true }))).toBeUndefined();
    expect(synthError(stackWithProjects(101, { arnOutput: true }))).toContain("Stack 'Prod' would have 202 outputs");
  });

  test('without outputs, 492 projects fit (500 resources) and the 493rd fails synth', () => {
    expect(synthError(stackWithProjects(500 - PROVIDER_RESOURCES, { outputs: false }))).toBeUndefined();
    expect(synthError(stackWithProjects(501 - PROVIDER_RESOURCES, { outputs: false }))).toContain(
      "[Prod] Stack 'Prod' would have 501 resources, but CloudFormation allows at most 500 per stack; "
      + 'its 493 Bedrock projects add 1 resource each, and 2 more each when ssmParameterPrefix is set. '
      + 'Move some projects to another stack (for example one ProjectPortfolio per stack), or leave ssmParameterPrefix unset',
    );
  });

  test('with SSM parameters and no outputs, 164 projects fit and the 165th fails synth', () => {
    const props = { outputs: false, ssmParameterPrefix: '/bedrock-projects/prod' };
    expect(synthError(stackWithProjects(164, props))).toBeUndefined();
    expect(synthError(stackWithProjects(165, props))).toContain("Stack 'Prod' would have 503 resources");
  });

  test('exports that CDK adds for cross-stack references are counted', () => {
    // 198 projects (198 outputs) and `references` values used by another stack of the app.
    const build = (references: number) => {
      const app = new App();
      const producer = newStack(app);
      const projects = [];
      for (let i = 0; i < 198; i++) {
        projects.push(new BedrockProject(producer, `P${i}`, { projectName: `project-${i}` }));
      }
      const consumer = new Stack(app, 'App', { env: { account: '123456789012', region: 'us-east-1' } });
      for (let i = 0; i < references; i++) {
        new CfnOutput(consumer, `Ref${i}`, { value: projects[i].projectId });
      }
      return producer;
    };
    expect(synthError(build(2))).toBeUndefined();
    expect(synthError(build(3))).toContain("Stack 'Prod' would have 201 outputs");
  });

  test('parameters of SSM imports are counted: 99 imports fit, the 100th fails synth', () => {
    const build = (count: number) => {
      const stack = newStack();
      for (let i = 0; i < count; i++) {
        BedrockProject.fromSsmParameters(stack, `P${i}`, { ssmParameterPrefix: '/bedrock-projects/prod', projectName: `project-${i}` });
      }
      return stack;
    };
    // 2 parameters per import plus CDK's BootstrapVersion parameter.
    expect(synthError(build(99))).toBeUndefined();
    expect(synthError(build(100))).toContain(
      "[Prod] Stack 'Prod' would have 201 parameters, but CloudFormation allows at most 200 per stack; "
      + 'each project imported with BedrockProject.fromSsmParameters adds 2. '
      + 'Import fewer projects in this stack, or import them with BedrockProject.fromProjectAttributes',
    );
  });

  test('a nested stack is checked against its own template, not its parent\'s', () => {
    const build = (projects: number) => {
      const stack = newStack();
      const nested = new NestedStack(stack, 'Nested');
      for (let i = 0; i < projects; i++) {
        new BedrockProject(nested, `P${i}`, { projectName: `project-${i}`, arnOutput: true });
      }
      for (let i = 0; i < 100; i++) {
        new CfnOutput(stack, `O${i}`, { value: 'x' });
      }
      return stack;
    };
    expect(synthError(build(100))).toBeUndefined();
    expect(synthError(build(101))).toContain("[Prod/Nested] Stack 'Prod/Nested' would have 202 outputs");
  });

  test('the check is registered once per stack, however many projects it holds', () => {
    const spy = jest.spyOn(Node.prototype, 'addValidation');
    try {
      const stack = stackWithProjects(20);
      const onStack = spy.mock.contexts.filter((node) => node === stack.node);
      expect(onStack).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
