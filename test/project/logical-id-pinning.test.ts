import { App, CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockProject } from '../../src';

function newStack(app = new App()): Stack {
  return new Stack(app, 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The template of a stack with one project, built by `configure`, with logical IDs as CDK computes them. */
function template(configure: (stack: Stack, project: BedrockProject) => void = () => undefined) {
  const stack = newStack();
  const project = new BedrockProject(stack, 'Chatbot', { projectName: 'chatbot', ssmParameterPrefix: '/p' });
  configure(stack, project);
  return Template.fromStack(stack).toJSON();
}

describe('logical IDs of the library\'s elements', () => {
  test('are the ones CDK computes from the construct path', () => {
    const json = template();
    expect(Object.keys(json.Resources)).toEqual(expect.arrayContaining(['Chatbot934F0721']));
    expect(Object.keys(json.Outputs)).toEqual(['ChatbotProjectIdOutputA544D627']);
    expect(json.Outputs.ChatbotProjectIdOutputA544D627.Value).toEqual({ 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectId'] });
    const serviceTokens = new Set(Object.values(json.Resources)
      .filter((r: any) => r.Type === 'Custom::BedrockProject')
      .map((r: any) => JSON.stringify(r.Properties.ServiceToken)));
    expect(json.Resources.BedrockProjectProviderframeworkonEvent79F51D43.Type).toBe('AWS::Lambda::Function');
    expect([...serviceTokens]).toEqual([JSON.stringify({ 'Fn::GetAtt': ['BedrockProjectProviderframeworkonEvent79F51D43', 'Arn'] })]);
  });

  test('overrideLogicalId made before synth is kept, in the resource and in every reference to it', () => {
    const json = template((_, project) => (project.node.defaultChild as CfnResource).overrideLogicalId('ChatbotProject'));
    expect(json.Resources.ChatbotProject.Type).toBe('Custom::BedrockProject');
    expect(json.Outputs.ChatbotProjectIdOutputA544D627.Value).toEqual({ 'Fn::GetAtt': ['ChatbotProject', 'ProjectId'] });
    const parameterValues = Object.values(json.Resources).filter((r: any) => r.Type === 'AWS::SSM::Parameter').map((r: any) => r.Properties.Value['Fn::GetAtt'][0]);
    expect(parameterValues).toEqual(['ChatbotProject', 'ChatbotProject']);
  });

  test('Stack.renameLogicalId made before synth is applied', () => {
    const json = template((stack) => stack.renameLogicalId('ChatbotProjectIdOutputA544D627', 'ChatbotId'));
    expect(Object.keys(json.Outputs)).toEqual(['ChatbotId']);
  });

  test('Stack.renameLogicalId of the project\'s resource renames it in the resource and in every reference to it', () => {
    const json = template((stack) => stack.renameLogicalId('Chatbot934F0721', 'ChatbotRenamed'));
    expect(json.Resources.ChatbotRenamed.Type).toBe('Custom::BedrockProject');
    expect(json.Outputs.ChatbotProjectIdOutputA544D627.Value).toEqual({ 'Fn::GetAtt': ['ChatbotRenamed', 'ProjectId'] });
  });

  test('a stack that allocates its own logical IDs names the project and the references to it by them', () => {
    class ShortIdStack extends Stack {
      protected allocateLogicalId(element: CfnElement): string {
        return `Short${element.node.path.split('/').slice(1).join('').replace(/[^A-Za-z0-9]/g, '')}`;
      }
    }
    const stack = new ShortIdStack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
    new BedrockProject(stack, 'Chatbot', { projectName: 'chatbot' });
    const json = Template.fromStack(stack).toJSON();
    expect(json.Resources.ShortChatbotResource.Type).toBe('Custom::BedrockProject');
    expect(json.Resources.ShortChatbotResource.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': ['ShortBedrockProjectProviderProviderframeworkonEventResource', 'Arn'] });
    expect(json.Outputs.ShortChatbotProjectIdOutput.Value).toEqual({ 'Fn::GetAtt': ['ShortChatbotResource', 'ProjectId'] });
  });

  test('the default child is the CloudFormation resource, for escape hatches', () => {
    const json = template((_, project) => (project.node.defaultChild as CfnResource).addPropertyOverride('Extra', 'x'));
    expect(json.Resources.Chatbot934F0721.Properties.Extra).toBe('x');
  });

  test('a project exported with Stack.exportValue before synth still synthesizes', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'chatbot' });
    stack.exportValue(project.projectArn, { name: 'ChatbotArn' });
    const outputs = Object.values(Template.fromStack(stack).toJSON().Outputs) as any[];
    expect(outputs.find((o) => o.Export.Name === 'ChatbotArn').Value).toEqual({ 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectArn'] });
  });
});
