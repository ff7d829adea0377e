import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { BedrockProject, CostAllocationTags } from '../../src';

/**
 * The providers' functions run on ARM64 and the newest Node.js runtime by default, and a stack
 * can change their architecture, log retention and log removal, and widen their IAM policy,
 * before or after its projects and cost allocation tags are declared.
 */

const ENV = { account: '111111111111', region: 'us-east-1' };

function projectStack(): Stack {
  const stack = new Stack(new App(), 'Projects', { env: ENV });
  new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
  return stack;
}

function costAllocationStack(): Stack {
  const stack = new Stack(new App(), 'Billing', { env: ENV });
  new CostAllocationTags(stack, 'Tags', { tagKeys: ['Application'] });
  return stack;
}

function functionsOf(stack: Stack): any[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((f: any) => f.Properties);
}

const WIDENED = new iam.PolicyStatement({ actions: ['bedrock-mantle:CreateProject', 'bedrock-mantle:ListProjects'], resources: ['*'] });

describe('provider defaults', () => {
  test.each([['project', projectStack], ['cost allocation', costAllocationStack]])('every %s provider function runs on arm64 and nodejs24.x', (_name, build) => {
    const functions = functionsOf(build());
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const fn of functions) {
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Runtime).toBe(lambda.Runtime.NODEJS_24_X.name);
    }
  });

  test('log groups are kept a month and removed with the stack', () => {
    const template = Template.fromStack(projectStack());
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBe(2);
    for (const group of Object.values(groups)) {
      expect(group.Properties.RetentionInDays).toBe(30);
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });
});

describe('BedrockProject.configureProvider', () => {
  test.each([['before', true], ['after', false]])('set %s the projects, applies to every function, log group and the handler policy', (_when, before) => {
    const stack = new Stack(new App(), 'Projects', { env: ENV });
    const configure = () => BedrockProject.configureProvider(stack, {
      architecture: lambda.Architecture.X86_64,
      logRetention: logs.RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.RETAIN,
      additionalPolicyStatements: [WIDENED],
    });
    if (before) configure();
    new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
    if (!before) configure();

    const template = Template.fromStack(stack);
    for (const fn of functionsOf(stack)) {
      expect(fn.Architectures).toEqual(['x86_64']);
    }
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(7);
      expect(group.DeletionPolicy).toBe('Retain');
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['bedrock-mantle:CreateProject', 'bedrock-mantle:ListProjects'], Resource: '*' }]) },
    });
  });

  test('configuring a stack without projects creates no provider', () => {
    const stack = new Stack(new App(), 'Empty', { env: ENV });
    BedrockProject.configureProvider(stack, { architecture: lambda.Architecture.X86_64 });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('CostAllocationTags.configureProvider', () => {
  test('applies to the onEvent handler, the framework function and the retry activator', () => {
    const stack = new Stack(new App(), 'Billing', { env: ENV });
    CostAllocationTags.configureProvider(stack, { architecture: lambda.Architecture.X86_64, logRetention: logs.RetentionDays.ONE_YEAR });
    new CostAllocationTags(stack, 'Tags', { tagKeys: ['Application'] });
    const functions = functionsOf(stack);
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Architectures).toEqual(['x86_64']);
    }
    for (const group of Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(365);
    }
  });
});
