import { App, aws_bedrockmantle as bedrockmantle, CfnElement, CfnOutput, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { BedrockProject } from '../../src';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** A stack whose logical IDs are the construct path, as some teams configure them. */
class PathNamedStack extends Stack {
  protected allocateLogicalId(element: CfnElement): string {
    return element.node.path.split('/').slice(1).join('').replace(/[^A-Za-z0-9]/g, '');
  }
}

type StackKind = typeof Stack | typeof PathNamedStack;

/** The scope a project is declared in: the stack itself, or constructs nested below it. */
function scopeIn(stack: Stack, nesting: string[]): Construct {
  return nesting.reduce<Construct>((scope, id) => new Construct(scope, id), stack);
}

/**
 * The outputs of a stack holding projects at `nesting`/`id`, and of the same stack written by
 * hand: a construct at the same path with a `CfnOutput` per output, as the library used to make.
 */
function bothTemplates(ids: string[], nesting: string[], kind: StackKind = Stack, configure: (stack: Stack) => void = () => undefined) {
  const declared = new kind(new App(), 'Prod', { env: ENV });
  const projects = ids.map((id, i) => new BedrockProject(scopeIn(declared, nesting), id, { projectName: `p-${i}`, arnOutput: true }));
  configure(declared);

  const byHand = new kind(new App(), 'Prod', { env: ENV });
  ids.forEach((id, i) => {
    const project = new Construct(scopeIn(byHand, nesting), id);
    const resource = new CfnResource(project, 'Resource', { type: 'Custom::BedrockProject' });
    const subject = `Bedrock project 'p-${i}'`;
    new CfnOutput(project, 'ProjectIdOutput', {
      description: `ID of ${subject}, for the OpenAI-Project header (OPENAI_PROJECT_ID)`,
      value: resource.getAtt('ProjectId').toString(),
      exportName: projects[i].projectIdExportName,
    });
    new CfnOutput(project, 'ProjectArnOutput', {
      description: `ARN of ${subject}, for IAM policies`,
      value: resource.getAtt('ProjectArn').toString(),
      exportName: projects[i].projectArnExportName,
    });
  });
  configure(byHand);
  return {
    declared: Template.fromStack(declared).toJSON().Outputs,
    byHand: Template.fromStack(byHand).toJSON().Outputs,
  };
}

describe('the outputs every project of a stack writes through one element', () => {
  test('are the outputs a CfnOutput per project gives: logical IDs, descriptions, values, exports', () => {
    const { declared, byHand } = bothTemplates(['Chatbot', 'Search'], []);
    expect(Object.keys(declared)).toHaveLength(4);
    expect(declared).toEqual(byHand);
  });

  test('keep the logical IDs of projects nested below other constructs, Default among them', () => {
    const { declared, byHand } = bothTemplates(['Chatbot'], ['Team', 'Default', 'Apps']);
    expect(Object.keys(declared).sort()).toEqual(Object.keys(byHand).sort());
    expect(declared).toEqual(byHand);
  });

  test('keep the logical IDs of construct ids so long that CDK shortens them', () => {
    const { declared, byHand } = bothTemplates(['P'.repeat(300)], ['Q'.repeat(100)]);
    expect(Object.keys(declared).every((id) => id.length <= 255)).toBe(true);
    expect(declared).toEqual(byHand);
  });

  test('follow a stack that allocates logical IDs its own way', () => {
    const { declared, byHand } = bothTemplates(['Chatbot'], ['Team'], PathNamedStack);
    expect(Object.keys(declared).sort()).toEqual(['TeamChatbotProjectArnOutput', 'TeamChatbotProjectIdOutput']);
    expect(declared).toEqual(byHand);
  });

  test('follow Stack.renameLogicalId', () => {
    const { declared, byHand } = bothTemplates(['Chatbot'], [], Stack, (stack) => stack.renameLogicalId('ChatbotProjectIdOutputA544D627', 'ChatbotId'));
    expect(Object.keys(declared)).toContain('ChatbotId');
    expect(declared).toEqual(byHand);
  });

  test('are written by one element per stack, however many projects it holds', () => {
    const stack = new Stack(new App(), 'Prod', { env: ENV });
    for (let i = 0; i < 3; i++) {
      new BedrockProject(stack, `P${i}`, { projectName: `p${i}` });
    }
    const elements = stack.node.findAll().filter((c) => c.node.id === 'BedrockProjectOutputs');
    expect(elements.map((e) => e.node.path)).toEqual(['Prod/BedrockProjectOutputs']);
    expect(stack.node.findAll().filter((c) => c instanceof CfnOutput)).toEqual([]);
    expect(Object.keys(Template.fromStack(stack).toJSON().Outputs)).toHaveLength(3);
  });

  test('give a native project\'s ID from its own resource, under the path of its view', () => {
    const stack = new Stack(new App(), 'Prod', { env: ENV });
    const cfn = new bedrockmantle.CfnProject(stack, 'Native', { name: 'native' });
    BedrockProject.fromCfnProject(cfn, { outputs: true });
    const byHand = new Stack(new App(), 'Prod', { env: ENV });
    const handCfn = new bedrockmantle.CfnProject(byHand, 'Native', { name: 'native' });
    new CfnOutput(new Construct(handCfn, 'BedrockProject'), 'ProjectIdOutput', {
      description: "ID of Bedrock project 'native', for the OpenAI-Project header (OPENAI_PROJECT_ID)",
      value: handCfn.attrId,
      exportName: 'Prod:Native:ProjectId',
    });
    expect(Template.fromStack(stack).toJSON().Outputs).toEqual(Template.fromStack(byHand).toJSON().Outputs);
  });

  test('name the resource by its final logical ID, overridden after the project was declared', () => {
    const stack = new Stack(new App(), 'Prod', { env: ENV });
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'chatbot' });
    (project.node.defaultChild as CfnResource).overrideLogicalId('ChatbotProject');
    const outputs = Object.values(Template.fromStack(stack).toJSON().Outputs) as any[];
    expect(outputs.map((o) => o.Value)).toEqual([{ 'Fn::GetAtt': ['ChatbotProject', 'ProjectId'] }]);
  });
  test('of a nested stack are written into the nested stack\'s template, as a CfnOutput there would be', () => {
    const parent = new Stack(new App(), 'Prod', { env: ENV });
    const nested = new NestedStack(parent, 'Projects');
    new BedrockProject(nested, 'Chatbot', { projectName: 'chatbot' });
    const byHandParent = new Stack(new App(), 'Prod', { env: ENV });
    const byHandNested = new NestedStack(byHandParent, 'Projects');
    const owner = new Construct(byHandNested, 'Chatbot');
    const resource = new CfnResource(owner, 'Resource', { type: 'Custom::BedrockProject' });
    new CfnOutput(owner, 'ProjectIdOutput', {
      description: "ID of Bedrock project 'chatbot', for the OpenAI-Project header (OPENAI_PROJECT_ID)",
      value: resource.getAtt('ProjectId').toString(),
    });
    expect(Template.fromStack(parent).toJSON().Outputs).toBeUndefined();
    // The export name holds the nested stack's name, known at deploy time only: compared apart.
    const { Export: exported, ...declared } = Object.values(Template.fromStack(nested).toJSON().Outputs)[0] as any;
    expect(Object.keys(Template.fromStack(nested).toJSON().Outputs)).toEqual(Object.keys(Template.fromStack(byHandNested).toJSON().Outputs));
    expect(declared).toEqual(Object.values(Template.fromStack(byHandNested).toJSON().Outputs)[0]);
    expect(JSON.stringify(exported.Name)).toContain(':Chatbot:ProjectId');
  });
});
