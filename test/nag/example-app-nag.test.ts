import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { buildApp } from '../../examples/app';
import { EnvironmentStack } from '../../examples/environment-stack';
import { BedrockProject, CostAllocationTags, CostAnomalyAlerts, CostBudget, ProjectDashboard, TagTaxonomy } from '../../src';

/**
 * An app that uses the library passes cdk-nag's AWS Solutions rules with no suppression written
 * by its author: the library's resources avoid what they can (no AWS managed policy, the newest
 * runtime) and carry reasoned suppressions, in the metadata cdk-nag reads, for the rest.
 */

function exampleApp(): App {
  // The context the CLI would read from cdk.json (the example's environments).
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'));
  const app = buildApp(new App({ context: cdkJson.context }));
  // The one suppression is for a resource of the example itself, not of the library: the topic
  // its production stacks create for spend alerts.
  for (const stack of app.node.findAll()) {
    if (stack instanceof EnvironmentStack && stack.spendAlerts) {
      NagSuppressions.addResourceSuppressions(stack.spendAlerts, [{
        id: 'AwsSolutions-SNS2',
        reason: 'The spend alert topic carries alarm and budget notifications (amounts and names, no secrets); encrypting it needs a customer managed key whose policy lets CloudWatch and AWS Budgets use it, which the example leaves to the user (the AWS managed aws/sns key cannot be used by those services)',
      }]);
    }
  }
  return app;
}

function stacksOf(app: App): Stack[] {
  return app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}

/** Every AwsSolutions error and warning of the stack, as `<path>: <rule>`. */
function nagFindings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  return [
    ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
  ].map((f) => `${f.id}: ${String(f.entry.data).split(/[:[]/)[0]}`);
}

describe('example app under cdk-nag AwsSolutionsChecks, without user suppressions', () => {
  const app = exampleApp();
  Aspects.of(app).add(new AwsSolutionsChecks());
  const stacks = stacksOf(app);

  test('the app has the stacks the checks are meant to cover', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(4);
    expect(stacks.some((s) => s.node.tryFindChild('BedrockProjectProvider'))).toBe(true);
    expect(stacks.some((s) => s.node.tryFindChild('CostAllocationTagsProvider'))).toBe(true);
  });

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s has no AwsSolutions finding', (_name, stack) => {
    expect(nagFindings(stack)).toEqual([]);
  });

  // The library suppresses IAM5 for wildcard resources; these keep the suppressions honest by
  // checking that the wildcards carry only the actions their reasons name.
  test('statements on Resource * grant only Cost Explorer cost allocation tag actions', () => {
    for (const stack of stacks) {
      for (const statement of policyStatements(stack)) {
        if (statement.Resource === '*') {
          for (const action of [statement.Action].flat()) {
            expect(['ce:ListCostAllocationTags', 'ce:UpdateCostAllocationTagsStatus', 'ce:StartCostAllocationTagBackfill', 'ce:ListCostAllocationTagBackfillHistory']).toContain(action);
          }
        }
      }
    }
  });

  test('statements on project/* grant only bedrock-mantle project management actions', () => {
    let seen = 0;
    for (const stack of stacks) {
      for (const statement of policyStatements(stack)) {
        if (JSON.stringify(statement.Resource).includes(':project/*')) {
          seen++;
          for (const action of [statement.Action].flat()) {
            expect(action).toMatch(/^bedrock-mantle:[A-Za-z]+$/);
            expect(action).not.toBe('bedrock-mantle:CreateInference');
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  test('no role has an AWS managed policy', () => {
    for (const stack of stacks) {
      for (const role of Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    }
  });
});

describe('a user stack with every library resource', () => {
  test('has no AwsSolutions finding, with backfill and a stack in an unknown environment', () => {
    const app = new App();
    const stack = new Stack(app, 'User');
    new BedrockProject(stack, 'Project', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
    new CostAllocationTags(stack, 'CostAllocation', { tagKeys: ['Application'], backfillFrom: firstOfThisMonth() });
    Aspects.of(app).add(new AwsSolutionsChecks());
    expect(nagFindings(stack)).toEqual([]);
  });

  test('a statement a user adds to the provider is still checked', () => {
    const app = new App();
    const stack = new Stack(app, 'User', { env: { account: '111111111111', region: 'us-east-1' } });
    new BedrockProject(stack, 'Project', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
    BedrockProject.configureProvider(stack, {
      additionalPolicyStatements: [new iam.PolicyStatement({ actions: ['bedrock-mantle:ListProjects'], resources: ['*'] })],
    });
    Aspects.of(app).add(new AwsSolutionsChecks());
    expect(nagFindings(stack).map((f) => f.split(': ')[1])).toEqual(['AwsSolutions-IAM5']);
  });
});

function firstOfThisMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

describe('the spend constructs under cdk-nag AwsSolutionsChecks', () => {
  test('budgets, anomaly alerts, spend alarms and dashboards need no suppression', () => {
    const app = new App();
    const stack = new Stack(app, 'Spend', { env: { account: '111111111111', region: 'us-east-1' } });
    const project = BedrockProject.fromProjectId(stack, 'Project', 'proj_abc123');
    const prices = [{ model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 }];
    project.addSpendAlarm('SpendAlarm', { threshold: 10, prices });
    new ProjectDashboard(stack, 'Dashboard', { projects: [project], prices });
    new CostBudget(stack, 'Budget', { tags: { Team: 'DataScience' }, limit: 100, emails: ['finops@example.com'] });
    new CostAnomalyAlerts(stack, 'Anomalies', { tagKey: 'Team', taxonomy: TagTaxonomy.example(), emails: ['finops@example.com'] });
    Aspects.of(app).add(new AwsSolutionsChecks());
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Budgets::Budget'))).toHaveLength(1);
    expect(Object.keys(template.findResources('AWS::CE::AnomalySubscription'))).toHaveLength(1);
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).split('.')[0]}`)).toEqual([]);
  });
});

function policyStatements(stack: Stack): Array<{ Action: string | string[]; Resource: unknown }> {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}
