import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockProject } from '../../src';

const ENV = { account: '123456789012', region: 'us-west-2' };

function newFunction(stack: Stack, id = 'Chatbot'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment: { MODEL_ID: 'openai.gpt-oss-120b' },
  });
}

/** The function's environment variables and the statements of its role's policy. */
function wiring(stack: Stack, functionId = 'Chatbot') {
  const template = Template.fromStack(stack);
  const functions = template.findResources('AWS::Lambda::Function');
  const fnKey = Object.keys(functions).find((k) => k.startsWith(functionId))!;
  const roleRef = functions[fnKey].Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === roleRef));
  return {
    variables: functions[fnKey].Properties.Environment.Variables,
    statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement),
  };
}

describe('configureFunction', () => {
  test('sets the OpenAI SDK variables and grants inference in the project only', () => {
    const stack = new Stack(new App(), 'Prod', { env: ENV });
    const project = new BedrockProject(stack, 'Project', { projectName: 'CustomerChatbot-Prod' });
    const fn = newFunction(stack);
    const grant = project.configureFunction(fn);

    expect(grant.success).toBe(true);
    const { variables, statements } = wiring(stack);
    expect(variables).toEqual({
      MODEL_ID: 'openai.gpt-oss-120b',
      OPENAI_BASE_URL: 'https://bedrock-mantle.us-west-2.api.aws/v1',
      OPENAI_PROJECT_ID: { 'Fn::GetAtt': [expect.stringMatching(/^Project[0-9A-F]{8}$/), 'ProjectId'] },
    });
    expect(statements).toEqual([{
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Project[0-9A-F]{8}$/), 'ProjectArn'] },
    }]);
  });

  test('across stacks of one app, CDK exports the ID and ARN and the function imports them', () => {
    const app = new App();
    const projects = new Stack(app, 'BedrockProjects', { env: ENV });
    const project = new BedrockProject(projects, 'Project', { projectName: 'CustomerChatbot-Prod' });
    const application = new Stack(app, 'ChatbotApp', { env: ENV });
    project.configureFunction(newFunction(application));

    const { variables, statements } = wiring(application);
    const idExport = expect.stringMatching(/^BedrockProjects:ExportsOutputFnGetAttProject[0-9A-F]{8}ProjectId[0-9A-F]{8}$/);
    const arnExport = expect.stringMatching(/^BedrockProjects:ExportsOutputFnGetAttProject[0-9A-F]{8}ProjectArn[0-9A-F]{8}$/);
    expect(variables).toEqual({
      MODEL_ID: 'openai.gpt-oss-120b',
      OPENAI_BASE_URL: 'https://bedrock-mantle.us-west-2.api.aws/v1',
      OPENAI_PROJECT_ID: { 'Fn::ImportValue': idExport },
    });
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: { 'Fn::ImportValue': arnExport } }]);

    const exported = Object.values(Template.fromStack(projects).toJSON().Outputs).map((o: any) => o.Export.Name);
    expect(exported).toEqual(expect.arrayContaining([
      variables.OPENAI_PROJECT_ID['Fn::ImportValue'],
      statements[0].Resource['Fn::ImportValue'],
    ]));
    expect(application.dependencies).toEqual([projects]);
  });

  test('an imported project wires the same way', () => {
    const stack = new Stack(new App(), 'App', { env: ENV });
    const project = BedrockProject.fromProjectAttributes(stack, 'Project', {
      projectId: 'proj_abc123',
      projectArn: 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/proj_abc123',
    });
    project.configureFunction(newFunction(stack));
    const { variables, statements } = wiring(stack);
    expect(variables).toEqual({
      MODEL_ID: 'openai.gpt-oss-120b',
      // The project's region, not the function's.
      OPENAI_BASE_URL: 'https://bedrock-mantle.us-east-1.api.aws/v1',
      OPENAI_PROJECT_ID: 'proj_abc123',
    });
    expect(statements).toEqual([{
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/proj_abc123',
    }]);
  });

  test('configuring a function twice for the same project is harmless', () => {
    const stack = new Stack(new App(), 'App', { env: ENV });
    const project = BedrockProject.fromProjectId(stack, 'Project', 'proj_abc123');
    const fn = newFunction(stack);
    project.configureFunction(fn);
    expect(() => project.configureFunction(fn)).not.toThrow();
    expect(wiring(stack).variables.OPENAI_PROJECT_ID).toBe('proj_abc123');
  });

  test('configuring a function for a second project fails and says what to do instead', () => {
    const stack = new Stack(new App(), 'App', { env: ENV });
    const first = BedrockProject.fromProjectId(stack, 'First', 'proj_first');
    const second = BedrockProject.fromProjectId(stack, 'Second', 'proj_second');
    const fn = newFunction(stack);
    first.configureFunction(fn);
    expect(() => second.configureFunction(fn)).toThrow(
      'App/Chatbot: the function is already configured for the Bedrock project at App/First, and it has one OPENAI_PROJECT_ID; '
      + 'to let it also use the project at App/Second, call grantInference(fn) on that project and pass its projectId to the client yourself',
    );
  });
});
