import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockProject } from '../../src';

/**
 * A project is used from its own account and region. A grant or a function wired to a project
 * of another environment fails at synth when both environments are known, and warns when one is
 * not, however the consumer got the project: a reference within the app (which aws-cdk-lib's
 * weak cross-stack references carry across accounts and regions), `fromProjectAttributes` or an
 * SSM import.
 */

const HOME = { account: '111111111111', region: 'us-east-1' };
const OTHER_ACCOUNT = { account: '222222222222', region: 'us-east-1' };
const OTHER_REGION = { account: '111111111111', region: 'us-west-2' };

function declaredProject(app: App): BedrockProject {
  const stack = new Stack(app, 'Projects', { env: HOME });
  return new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', tags: { Application: 'CustomerChatbot' } });
}

function functionIn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Chatbot', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
}

function roleIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('a project of another environment', () => {
  test.each([
    ['account', OTHER_ACCOUNT, /account 111111111111.*account 222222222222/s],
    ['region', OTHER_REGION, /region us-east-1.*region us-west-2/s],
  ])('configureFunction on a project of the same app in another %s fails, naming both and the fix', (_what, env, names) => {
    const app = new App();
    const project = declaredProject(app);
    const fn = functionIn(new Stack(app, 'ChatbotApp', { env }));
    let error: Error | undefined;
    try {
      project.configureFunction(fn);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(names);
    expect(error?.message).toContain('ChatbotApp/Chatbot');
    expect(error?.message).toContain('Projects/Chatbot');
    expect(error?.message).toMatch(/declare .*project in a stack of/i);
  });

  test('grantInference on a project of the same app in another account fails, also with weak cross-stack references configured', () => {
    const app = new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
    const project = declaredProject(app);
    const role = roleIn(new Stack(app, 'Consumer', { env: OTHER_ACCOUNT }));
    expect(() => project.grantInference(role)).toThrow(/Consumer\/Role.*another account/s);
  });

  test('grantInference on an imported ARN of another account fails', () => {
    const stack = new Stack(new App(), 'Consumer', { env: HOME });
    const project = BedrockProject.fromProjectAttributes(stack, 'Shared', {
      projectId: 'proj_abc123',
      projectArn: 'arn:aws:bedrock-mantle:us-east-1:222222222222:project/proj_abc123',
    });
    expect(() => project.grantInference(roleIn(stack))).toThrow(/account 222222222222.*account 111111111111/s);
  });

  test('an imported project granted to a principal of a stack in another region fails', () => {
    const app = new App();
    const importing = new Stack(app, 'Importing', { env: HOME });
    const project = BedrockProject.fromProjectId(importing, 'Chatbot', 'proj_abc123');
    expect(() => project.grantInference(roleIn(new Stack(app, 'Consumer', { env: OTHER_REGION })))).toThrow(/region us-east-1.*region us-west-2/s);
  });

  test('an SSM import granted to a principal of a stack in another account fails', () => {
    const app = new App();
    const importing = new Stack(app, 'Importing', { env: HOME });
    const project = BedrockProject.fromSsmParameters(importing, 'Chatbot', { ssmParameterPrefix: '/bedrock-projects/prod', projectName: 'CustomerChatbot-Prod' });
    expect(() => project.configureFunction(functionIn(new Stack(app, 'Consumer', { env: OTHER_ACCOUNT })))).toThrow(/another account/);
  });

  test('an explicit ARN of another region of the same account is used as given, without a message', () => {
    const stack = new Stack(new App(), 'Consumer', { env: HOME });
    const project = BedrockProject.fromProjectAttributes(stack, 'Shared', {
      projectId: 'proj_abc123',
      projectArn: 'arn:aws:bedrock-mantle:eu-west-1:111111111111:project/proj_abc123',
    });
    project.grantInference(roleIn(stack));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('a project whose environment is known on one side only', () => {
  test('a project of an environment-agnostic stack warns where a stack of a known environment uses it, with an acknowledgeable id', () => {
    const app = new App();
    const project = BedrockProject.fromProjectId(new Stack(app, 'Importing'), 'Chatbot', 'proj_abc123');
    const consumer = new Stack(app, 'Consumer', { env: HOME });
    project.grantInference(roleIn(consumer));
    const warnings = Annotations.fromStack(consumer).findWarning('/Consumer/Role', Match.stringLikeRegexp('account and region .* not known'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toContain('[ack: cdk-bedrock-projects:projectEnvironmentUnknown]');
  });

  test('an imported ARN that is a token warns, since its account and region are known only at deploy time', () => {
    const stack = new Stack(new App(), 'Consumer', { env: HOME });
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const project = BedrockProject.fromProjectAttributes(stack, 'Shared', { projectId: 'proj_abc123', projectArn: arn });
    project.grantInference(roleIn(stack));
    Annotations.fromStack(stack).hasWarning('/Consumer/Role', Match.stringLikeRegexp('projectEnvironmentUnknown'));
  });

  test('two environment-agnostic stacks and projects used in their own stack stay quiet', () => {
    const app = new App();
    const project = new BedrockProject(new Stack(app, 'Projects'), 'Chatbot', { projectName: 'Chatbot', tags: { Application: 'CustomerChatbot' } });
    const consumer = new Stack(app, 'Consumer');
    project.grantInference(roleIn(consumer));
    const own = BedrockProject.fromProjectId(consumer, 'Own', 'proj_abc123');
    own.grantInference(consumer.node.findChild('Role') as iam.Role);
    expect(Annotations.fromStack(consumer).findWarning('*', Match.stringLikeRegexp('projectEnvironmentUnknown'))).toEqual([]);
    Template.fromStack(consumer).resourceCountIs('AWS::IAM::Policy', 1);
  });
});
