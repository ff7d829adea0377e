import { App, Fn, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BedrockProject, IBedrockProject } from '../../src';

const PARTITION_ARN = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

function newStack(): Stack {
  return new Stack(new App(), 'App', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The statements of the one IAM policy in the stack. */
function grantedStatements(stack: Stack): unknown[] {
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

/** The template parameters other than CDK's BootstrapVersion. */
function projectParameters(stack: Stack): unknown[] {
  const parameters = Template.fromStack(stack).toJSON().Parameters;
  return Object.entries(parameters).filter(([name]) => name !== 'BootstrapVersion').map(([, p]) => p);
}

function grantToRole(stack: Stack, project: IBedrockProject): void {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  project.grantInference(role);
}

describe('fromProjectId', () => {
  test('builds the ARN from the stack partition, region and account', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'Chatbot', 'proj_5d5ykleja6cwpirysbb7');
    expect(project.projectId).toBe('proj_5d5ykleja6cwpirysbb7');
    expect(stack.resolve(project.projectArn)).toEqual(PARTITION_ARN(':bedrock-mantle:us-east-1:123456789012:project/proj_5d5ykleja6cwpirysbb7'));
    expect(project.openAiBaseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/v1');
  });

  test('grantInference allows CreateInference on exactly that ARN', () => {
    const stack = newStack();
    grantToRole(stack, BedrockProject.fromProjectId(stack, 'Chatbot', 'proj_abc123'));
    expect(grantedStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: PARTITION_ARN(':bedrock-mantle:us-east-1:123456789012:project/proj_abc123'),
    }]);
  });

  test('the default project is accepted', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'Default', 'default');
    expect(stack.resolve(project.projectArn)).toEqual(PARTITION_ARN(':bedrock-mantle:us-east-1:123456789012:project/default'));
  });

  test('a token ID, for example an imported export, is passed through', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'Chatbot', Fn.importValue('BedrockProjects-prod:CustomerChatbot-Prod:ProjectId'));
    expect(stack.resolve(project.projectArn)).toEqual({
      'Fn::Join': ['', [
        'arn:', { Ref: 'AWS::Partition' }, ':bedrock-mantle:us-east-1:123456789012:project/',
        { 'Fn::ImportValue': 'BedrockProjects-prod:CustomerChatbot-Prod:ProjectId' },
      ]],
    });
  });

  test.each(['CustomerChatbot-Prod', 'proj_ABC', 'proj_', `proj_${'a'.repeat(21)}`, 'arn:aws:bedrock-mantle:us-east-1:123456789012:project/proj_a'])(
    '%s is rejected with the expected shape', (bad) => {
      expect(() => BedrockProject.fromProjectId(newStack(), 'P', bad)).toThrow(
        `App/P: imported Bedrock project: projectId '${bad}' is not a Bedrock project ID; IDs are 'default' or 'proj_' followed by lowercase letters and digits, at most 25 characters`,
      );
    });

  test('a 25-character ID is accepted', () => {
    expect(() => BedrockProject.fromProjectId(newStack(), 'P', `proj_${'a'.repeat(20)}`)).not.toThrow();
  });
});

describe('fromProjectAttributes', () => {
  const ARN = 'arn:aws:bedrock-mantle:eu-west-1:123456789012:project/proj_abc123';

  test('uses the given ARN, and its region for the endpoint', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectAttributes(stack, 'Chatbot', { projectId: 'proj_abc123', projectArn: ARN, projectName: 'CustomerChatbot-Prod' });
    expect(project.projectArn).toBe(ARN);
    expect(project.openAiBaseUrl).toBe('https://bedrock-mantle.eu-west-1.api.aws/v1');
    grantToRole(stack, project);
    expect(grantedStatements(stack)).toEqual([{ Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: ARN }]);
  });

  test('a project in another account is accepted with a warning that says why it likely cannot be used', () => {
    const stack = newStack();
    const otherAccount = 'arn:aws:bedrock-mantle:eu-west-1:210987654321:project/proj_abc123';
    BedrockProject.fromProjectAttributes(stack, 'Chatbot', { projectId: 'proj_abc123', projectArn: otherAccount, projectName: 'Shared' });
    BedrockProject.fromProjectAttributes(stack, 'SameAccount', { projectId: 'proj_abc123', projectArn: ARN });
    BedrockProject.fromProjectAttributes(stack, 'TokenArn', { projectId: 'proj_abc123', projectArn: Token.asString({ Ref: 'ArnParameter' }) });
    Annotations.fromStack(stack).hasWarning('/App/Chatbot', Match.stringLikeRegexp(
      "^imported Bedrock project 'Shared': project ARN 'arn:aws:bedrock-mantle:eu-west-1:210987654321:project/proj_abc123' is in account 210987654321, "
      + "not in this stack's account 123456789012\\. .*AWS documents no cross-account use",
    ));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(1);
  });

  test('without an ARN, builds it like fromProjectId', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectAttributes(stack, 'Chatbot', { projectId: 'proj_abc123' });
    expect(stack.resolve(project.projectArn)).toEqual(PARTITION_ARN(':bedrock-mantle:us-east-1:123456789012:project/proj_abc123'));
  });

  test('an ARN of another project is rejected', () => {
    expect(() => BedrockProject.fromProjectAttributes(newStack(), 'Chatbot', { projectId: 'proj_other', projectArn: ARN, projectName: 'Chat' })).toThrow(
      `App/Chatbot: imported Bedrock project 'Chat': projectArn '${ARN}' names project 'proj_abc123', not 'proj_other'; pass the ARN of the same project, or leave projectArn out to build it from the stack's partition, region and account`,
    );
  });

  test('an ARN of another service is rejected', () => {
    const bad = 'arn:aws:bedrock:us-east-1:123456789012:project/proj_abc123';
    expect(() => BedrockProject.fromProjectAttributes(newStack(), 'Chatbot', { projectId: 'proj_abc123', projectArn: bad })).toThrow(
      `App/Chatbot: imported Bedrock project: projectArn '${bad}' is not a Bedrock project ARN; expected arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`,
    );
  });

  test('token ID and ARN are accepted and the endpoint region follows the ARN', () => {
    const stack = newStack();
    const arn = Token.asString({ Ref: 'ProjectArnParameter' });
    const project = BedrockProject.fromProjectAttributes(stack, 'Chatbot', { projectId: Token.asString({ Ref: 'IdParameter' }), projectArn: arn });
    expect(stack.resolve(project.openAiBaseUrl)).toEqual({
      'Fn::Join': ['', [
        'https://bedrock-mantle.',
        { 'Fn::Select': [3, { 'Fn::Split': [':', { Ref: 'ProjectArnParameter' }] }] },
        '.api.aws/v1',
      ]],
    });
  });
});

describe('fromSsmParameters', () => {
  test('reads the id and arn parameters a producing stack wrote', () => {
    const stack = newStack();
    const project = BedrockProject.fromSsmParameters(stack, 'Chatbot', { ssmParameterPrefix: '/bedrock-projects/prod', projectName: 'CustomerChatbot-Prod' });
    grantToRole(stack, project);
    const parameters = Template.fromStack(stack).toJSON().Parameters;
    const ssmParameters = Object.entries(parameters).filter(([name]) => name !== 'BootstrapVersion');
    expect(ssmParameters.map(([, p]) => p)).toEqual([
      { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/bedrock-projects/prod/CustomerChatbot-Prod/id' },
      { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/bedrock-projects/prod/CustomerChatbot-Prod/arn' },
    ]);
    const [[idParameter], [arnParameter]] = ssmParameters;
    expect(stack.resolve(project.projectId)).toEqual({ Ref: idParameter });
    expect(stack.resolve(project.projectArn)).toEqual({ Ref: arnParameter });
    expect(project.openAiBaseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/v1');
    expect(grantedStatements(stack)).toEqual([{ Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: { Ref: arnParameter } }]);
  });

  test('reads the same names the producer wrote, including sanitized ones', () => {
    const app = new App();
    const producer = new Stack(app, 'Producer');
    const declared = new BedrockProject(producer, 'P', { projectName: 'Chat bot', publishedName: 'Chat bot: v2', ssmParameterPrefix: '/bedrock-projects/prod' });
    const consumer = new Stack(new App(), 'Consumer');
    BedrockProject.fromSsmParameters(consumer, 'P', { ssmParameterPrefix: '/bedrock-projects/prod', publishedName: 'Chat bot: v2' });

    const written = Object.values(Template.fromStack(producer).findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name).sort();
    const read = projectParameters(consumer).map((p: any) => p.Default).sort();
    expect(read).toEqual(written);
    expect(written).toEqual([`${declared.ssmParameterPath}/arn`, `${declared.ssmParameterPath}/id`]);
  });

  test('a bad prefix is rejected with the fix', () => {
    expect(() => BedrockProject.fromSsmParameters(newStack(), 'P', { ssmParameterPrefix: 'prod', projectName: 'p' }))
      .toThrow("App: ssmParameterPrefix 'prod' is not a valid SSM parameter path; use a path such as '/bedrock-projects/prod'");
  });

  test('an import names the published name or the project name', () => {
    expect(() => BedrockProject.fromSsmParameters(newStack(), 'P', { ssmParameterPrefix: '/p' }))
      .toThrow("App: imported project 'P': give the publishedName (or projectName) the project's SSM parameters were written under");
  });

  test('two imports of one project share the stack parameters', () => {
    const stack = newStack();
    BedrockProject.fromSsmParameters(stack, 'A', { ssmParameterPrefix: '/p', projectName: 'x' });
    BedrockProject.fromSsmParameters(stack, 'B', { ssmParameterPrefix: '/p', projectName: 'x' });
    expect(projectParameters(stack)).toHaveLength(2);
  });
});

describe('declared projects', () => {
  test('openAiBaseUrl is the endpoint of the stack region', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p' });
    expect(project.openAiBaseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/v1');
  });

  test('in a region-agnostic stack it is resolved at deploy time, with the api.aws domain', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const project = new BedrockProject(stack, 'P', { projectName: 'p' });
    expect(stack.resolve(project.openAiBaseUrl)).toEqual({
      'Fn::Join': ['', ['https://bedrock-mantle.', { Ref: 'AWS::Region' }, '.api.aws/v1']],
    });
    expect(JSON.stringify(stack.resolve(project.openAiBaseUrl))).not.toMatch(/URLSuffix|amazonaws/);
  });
});
