import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagPackSuppression, NagSuppressions } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { buildApp } from '../../examples/app';
import { ChatbotAppStack } from '../../examples/chatbot-app-stack';
import { EnvironmentStack } from '../../examples/environment-stack';
import { BedrockProject, CostAllocationTags, CostAnomalyAlerts, CostBudget, ProjectDashboard, TagTaxonomy } from '../../src';
import { CostAllocationTagsProvider } from '../../src/cost-allocation/cost-allocation-tags-provider';
import { ProjectProvider } from '../../src/project/project-provider';

/**
 * The example app passes cdk-nag's AWS Solutions rules. Every finding that is accepted is
 * suppressed here, on the construct it concerns, with the reason it is acceptable; the library
 * and the example themselves do not depend on cdk-nag.
 */

const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

const MANAGED_LOGS_POLICY: NagPackSuppression = {
  id: 'AwsSolutions-IAM4',
  reason: 'AWSLambdaBasicExecutionRole only grants logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents, which the function needs to write its own logs; aws-cdk-lib attaches it to every lambda.Function role',
  appliesTo: [BASIC_EXECUTION_ROLE],
};

const PINNED_RUNTIME: NagPackSuppression = {
  id: 'AwsSolutions-L1',
  reason: 'The runtime is pinned to nodejs22.x on purpose, a supported Node.js LTS runtime, so that templates do not change when aws-cdk-lib learns of a newer runtime; it is upgraded deliberately',
};

const FRAMEWORK_INVOKE: NagPackSuppression = {
  id: 'AwsSolutions-IAM5',
  reason: 'The custom-resources Provider framework may invoke its own onEvent handler function in any version or alias (<function arn>:*); the wildcard is only the qualifier of that one function',
  appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/g' }],
};

const PROVIDER_SUPPRESSIONS: NagPackSuppression[] = [MANAGED_LOGS_POLICY, PINNED_RUNTIME, FRAMEWORK_INVOKE];

const SUPPRESSIONS: Array<{ matches: (c: IConstruct) => boolean; suppressions: NagPackSuppression[] }> = [
  {
    matches: (c) => c instanceof ProjectProvider,
    suppressions: [...PROVIDER_SUPPRESSIONS, {
      id: 'AwsSolutions-IAM5',
      reason: 'Project IDs are assigned by the Projects API when a project is created, so the provider\'s policy cannot name them in advance; it is scoped to the projects of the stack\'s own account and region (project/*)',
      appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:bedrock-mantle:[a-z0-9-]+:<AWS::AccountId>:project\\/\\*$/g' }],
    }],
  },
  {
    matches: (c) => c instanceof CostAllocationTagsProvider,
    suppressions: [...PROVIDER_SUPPRESSIONS, {
      id: 'AwsSolutions-IAM5',
      reason: 'Cost Explorer\'s cost allocation tag actions (ce:ListCostAllocationTags, ce:UpdateCostAllocationTagsStatus, ce:StartCostAllocationTagBackfill) support no resource-level permissions: * is the only resource they accept',
      appliesTo: ['Resource::*'],
    }],
  },
  {
    matches: (c) => c instanceof EnvironmentStack && c.spendAlerts !== undefined && c.node.tryFindChild('SpendAlerts') !== undefined,
    suppressions: [{
      id: 'AwsSolutions-SNS2',
      reason: 'The spend alert topic carries alarm and budget notifications (amounts and names, no secrets); encrypting it needs a customer managed key whose policy lets CloudWatch and AWS Budgets use it, which the example leaves to the user (the AWS managed aws/sns key cannot be used by those services)',
    }],
  },
  {
    matches: (c) => c instanceof ChatbotAppStack,
    suppressions: [MANAGED_LOGS_POLICY, {
      id: 'AwsSolutions-L1',
      reason: 'The example chatbot pins nodejs22.x like the library\'s functions, a supported Node.js LTS runtime',
    }],
  },
];

function exampleApp(): App {
  // The context the CLI would read from cdk.json (the example's environments).
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'));
  return buildApp(new App({ context: cdkJson.context }));
}

function stacksOf(app: App): Stack[] {
  return app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}

describe('example app under cdk-nag AwsSolutionsChecks', () => {
  const app = exampleApp();
  for (const construct of app.node.findAll()) {
    for (const rule of SUPPRESSIONS) {
      if (rule.matches(construct)) {
        NagSuppressions.addResourceSuppressions(construct, rule.suppressions, true);
      }
    }
  }
  Aspects.of(app).add(new AwsSolutionsChecks());
  const stacks = stacksOf(app);

  test('the app has the stacks the checks are meant to cover', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(4);
    expect(stacks.some((s) => s.node.tryFindChild('BedrockProjectProvider'))).toBe(true);
    expect(stacks.some((s) => s.node.tryFindChild('CostAllocationTagsProvider'))).toBe(true);
  });

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s has no unsuppressed AwsSolutions error', (_name, stack) => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).split('.')[0]}`)).toEqual([]);
  });

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s has no unsuppressed AwsSolutions warning', (_name, stack) => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((w) => `${w.id}: ${String(w.entry.data).split('.')[0]}`)).toEqual([]);
  });

  // The IAM5 suppressions above accept wildcard resources; these keep them honest by checking
  // that the wildcards carry only the actions the reasons name.
  test('statements on Resource * grant only Cost Explorer cost allocation tag actions', () => {
    for (const stack of stacks) {
      for (const statement of policyStatements(stack)) {
        if (statement.Resource === '*') {
          for (const action of [statement.Action].flat()) {
            expect(['ce:ListCostAllocationTags', 'ce:UpdateCostAllocationTagsStatus', 'ce:StartCostAllocationTagBackfill']).toContain(action);
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
});

describe('without the suppressions', () => {
  test('the same rules report the findings suppressed above, so the checks do run and the suppressions on the library are needed', () => {
    const app = new App();
    const stack = new Stack(app, 'Unsuppressed', { env: { account: '111111111111', region: 'us-east-1' } });
    new BedrockProject(stack, 'Project', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
    new CostAllocationTags(stack, 'CostAllocation', { tagKeys: ['Application'] });
    Aspects.of(app).add(new AwsSolutionsChecks());
    const found = new Set(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))
      .map((e) => String(e.entry.data).split(/[:[]/)[0]));
    expect([...found].sort()).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-L1']);
  });
});

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
