import { App, CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as bedrockmantle from 'aws-cdk-lib/aws-bedrockmantle';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockProject, TagTaxonomy } from '../../src';
import { synthErrors } from '../support/synth-errors';

const CHATBOT_TAGS = [
  { key: 'Application', value: 'CustomerChatbot' },
  { key: 'Environment', value: 'Production' },
  { key: 'Team', value: 'CustomerExperience' },
  { key: 'CostCenter', value: 'CC-1001' },
];

function newStack(): Stack {
  return new Stack(new App(), 'Native', { env: { account: '123456789012', region: 'us-east-1' } });
}

function nativeProject(stack: Stack, tags = CHATBOT_TAGS): bedrockmantle.CfnProject {
  return new bedrockmantle.CfnProject(stack, 'Chatbot', { name: 'CustomerChatbot-Prod', tags });
}

describe('BedrockProject.fromCfnProject', () => {
  test('takes the ID and ARN from the resource\'s attributes, not Ref', () => {
    const stack = newStack();
    const project = BedrockProject.fromCfnProject(nativeProject(stack));
    expect(stack.resolve(project.projectId)).toEqual({ 'Fn::GetAtt': ['Chatbot', 'Id'] });
    expect(stack.resolve(project.projectArn)).toEqual({ 'Fn::GetAtt': ['Chatbot', 'Arn'] });
    expect(project.openAiBaseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/v1');
  });

  test('grantInference allows CreateInference on the native project\'s ARN only', () => {
    const stack = newStack();
    const project = BedrockProject.fromCfnProject(nativeProject(stack));
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    project.grantInference(role);
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    expect(policies.map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: { 'Fn::GetAtt': ['Chatbot', 'Arn'] },
    }]]);
  });

  test('configureFunction sets the OpenAI variables from the native project', () => {
    const stack = newStack();
    const project = BedrockProject.fromCfnProject(nativeProject(stack));
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    project.configureFunction(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          OPENAI_BASE_URL: 'https://bedrock-mantle.us-east-1.api.aws/v1',
          OPENAI_PROJECT_ID: { 'Fn::GetAtt': ['Chatbot', 'Id'] },
        },
      },
    });
  });

  test('publishes nothing unless asked', () => {
    const stack = newStack();
    BedrockProject.fromCfnProject(nativeProject(stack), { taxonomy: TagTaxonomy.example() });
    const template = Template.fromStack(stack);
    expect(template.toJSON().Outputs).toBeUndefined();
    template.resourceCountIs('AWS::SSM::Parameter', 0);
  });

  test('publishes the ID as an exported output and ID and ARN as SSM parameters when asked, under the construct id', () => {
    const stack = newStack();
    BedrockProject.fromCfnProject(nativeProject(stack), { outputs: true, ssmParameterPrefix: '/bedrock-projects/prod' });
    const template = Template.fromStack(stack);
    const outputs = Object.values(template.toJSON().Outputs as Record<string, any>);
    expect(outputs.map((o) => [o.Export.Name, o.Value])).toEqual([
      ['Native:Chatbot:ProjectId', { 'Fn::GetAtt': ['Chatbot', 'Id'] }],
    ]);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/bedrock-projects/prod/Chatbot/id',
      Value: { 'Fn::GetAtt': ['Chatbot', 'Id'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/bedrock-projects/prod/Chatbot/arn',
      Value: { 'Fn::GetAtt': ['Chatbot', 'Arn'] },
    });
  });

  test('publishes the ARN output on request, under a pinned published name that a rename does not change', () => {
    const names = ['CustomerChatbot-Prod', 'CustomerAssistant-Prod'].map((name) => {
      const stack = newStack();
      const project = nativeProject(stack);
      project.name = name;
      BedrockProject.fromCfnProject(project, { outputs: true, arnOutput: true, publishedName: 'CustomerChatbot-Prod' });
      const outputs = Object.values(Template.fromStack(stack).toJSON().Outputs as Record<string, any>);
      return outputs.map((o) => [o.Export.Name, o.Value]);
    });
    expect(names[0]).toEqual([
      ['Native:CustomerChatbot-Prod:ProjectId', { 'Fn::GetAtt': ['Chatbot', 'Id'] }],
      ['Native:CustomerChatbot-Prod:ProjectArn', { 'Fn::GetAtt': ['Chatbot', 'Arn'] }],
    ]);
    expect(names[1]).toEqual(names[0]);
  });

  test('fails synth with every taxonomy problem of the final tags, naming the path', () => {
    const stack = newStack();
    const cfn = nativeProject(stack, [
      { key: 'Application', value: 'CustomerChatbot' },
      { key: 'Team', value: 'Marketing' },
      { key: 'CostCenter', value: '1001' },
    ]);
    BedrockProject.fromCfnProject(cfn, { taxonomy: TagTaxonomy.example() });
    const message = synthErrors(stack);
    expect(message).toContain('Native/Chatbot/BedrockProject');
    expect(message).toContain("Bedrock project 'CustomerChatbot-Prod': tag 'Team' has value 'Marketing', which is not allowed");
    expect(message).toContain("tag 'CostCenter' has value '1001', which does not match the pattern ^CC-\\d{4}$");
    expect(message).toContain("is missing the required tag 'Environment'");
  });

  test('checks the tags after Tags.of(scope), which win on conflicts', () => {
    const stack = newStack();
    const cfn = nativeProject(stack, CHATBOT_TAGS.filter((t) => t.key !== 'Environment'));
    BedrockProject.fromCfnProject(cfn, { taxonomy: TagTaxonomy.example() });
    Tags.of(stack).add('Environment', 'Production');
    expect(() => Template.fromStack(stack)).not.toThrow();

    const other = newStack();
    BedrockProject.fromCfnProject(nativeProject(other), { taxonomy: TagTaxonomy.example() });
    Tags.of(other).add('Environment', 'Prod');
    expect(synthErrors(other)).toContain("tag 'Environment' has value 'Prod', which is not allowed");
  });

  test('checks AWS\'s tag rules without a taxonomy', () => {
    const stack = newStack();
    BedrockProject.fromCfnProject(nativeProject(stack, [{ key: 'aws:owner', value: 'x' }]));
    expect(synthErrors(stack)).toContain("tag key 'aws:owner' must not begin with 'aws:'");
  });

  test('a tag value known only at deploy time is a warning, not an error', () => {
    const stack = newStack();
    const team = new CfnParameter(stack, 'Team');
    BedrockProject.fromCfnProject(nativeProject(stack, [
      ...CHATBOT_TAGS.filter((t) => t.key !== 'Team'),
      { key: 'Team', value: team.valueAsString },
    ]), { taxonomy: TagTaxonomy.example() });
    Annotations.fromStack(stack).hasWarning('/Native/Chatbot/BedrockProject', Match.stringLikeRegexp("tag 'Team'"));
  });

  test('a second call returns the same project; options only on the first', () => {
    const stack = newStack();
    const cfn = nativeProject(stack);
    const first = BedrockProject.fromCfnProject(cfn, { outputs: true });
    expect(BedrockProject.fromCfnProject(cfn)).toBe(first);
    expect(() => BedrockProject.fromCfnProject(cfn, { outputs: true })).toThrow(
      'Native/Chatbot: BedrockProject.fromCfnProject was already called for this project; pass the options only on the first call');
  });
});
