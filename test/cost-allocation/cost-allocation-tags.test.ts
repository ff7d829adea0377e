import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CostAllocationTags, CostAllocationTagsProps } from '../../src/cost-allocation';
import { TagTaxonomy } from '../../src/taxonomy';

function stackWith(...props: CostAllocationTagsProps[]): { stack: Stack; constructs: CostAllocationTags[] } {
  const app = new App();
  const stack = new Stack(app, 'Finops', { env: { account: '111111111111', region: 'eu-west-1' } });
  const constructs = props.map((p, i) => new CostAllocationTags(stack, i === 0 ? 'CostAllocationTags' : `CostAllocationTags${i}`, p));
  return { stack, constructs };
}

/** The first day of the month `monthsBack` months before the current one, `YYYY-MM-01`. */
function monthStart(monthsBack: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The statements of the policy attached to the role of the function whose logical ID starts with `prefix`. */
function statementsOfFunction(template: Template, prefix: string): unknown[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const id = Object.keys(functions).find((k) => k.startsWith(prefix))!;
  const roleId = functions[id].Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId));
  const statements = policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  // Every function's role may write to its own log group, and to no other.
  const logGroupId = functions[id].Properties.LoggingConfig.LogGroup.Ref;
  expect(statements[0]).toEqual({
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
  });
  return statements.slice(1);
}

const STATUS_STATEMENT = {
  Effect: 'Allow',
  Action: ['ce:ListCostAllocationTags', 'ce:UpdateCostAllocationTagsStatus'],
  Resource: '*',
};

/** The statements that let the activator turn its schedules off, as the template holds them. */
function scheduleControlStatements(template: Template): unknown[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
    .filter((statement: any) => JSON.stringify(statement.Action).includes('scheduler:') || statement.Action === 'iam:PassRole');
}

const BACKFILL_STATEMENT = {
  Effect: 'Allow',
  Action: ['ce:ListCostAllocationTagBackfillHistory', 'ce:StartCostAllocationTagBackfill'],
  Resource: '*',
};

describe('resource', () => {
  test('renders one Custom::CostAllocationTags with sorted, deduplicated keys and string booleans', () => {
    const { stack, constructs } = stackWith({ tagKeys: ['Team', 'Application', 'Team', 'CostCenter'] });
    const template = Template.fromStack(stack);

    template.resourceCountIs('Custom::CostAllocationTags', 1);
    template.hasResourceProperties('Custom::CostAllocationTags', {
      ServiceToken: Match.anyValue(),
      TagKeys: ['Application', 'CostCenter', 'Team'],
      DeactivateOnDelete: 'false',
      BackfillFrom: Match.absent(),
    });
    expect(constructs[0].tagKeys).toEqual(['Application', 'CostCenter', 'Team']);
  });

  test('activates the union of tagKeys and the taxonomy\'s cost allocation keys', () => {
    const taxonomy = new TagTaxonomy({
      keys: [
        { key: 'CostCenter' },
        { key: 'Owner', costAllocation: false },
        { key: 'Application' },
      ],
    });
    const { stack, constructs } = stackWith({ taxonomy, tagKeys: ['Environment', 'CostCenter'] });
    expect(constructs[0].tagKeys).toEqual(['Application', 'CostCenter', 'Environment']);
    Template.fromStack(stack).hasResourceProperties('Custom::CostAllocationTags', {
      TagKeys: ['Application', 'CostCenter', 'Environment'],
    });
  });

  test('passes deactivateOnDelete and backfillFrom as strings', () => {
    const from = monthStart(2);
    const { stack } = stackWith({ tagKeys: ['A'], deactivateOnDelete: true, backfillFrom: from });
    Template.fromStack(stack).hasResourceProperties('Custom::CostAllocationTags', {
      DeactivateOnDelete: 'true',
      BackfillFrom: from,
    });
  });

  test('exposes the handler\'s attributes', () => {
    const { stack, constructs } = stackWith({ tagKeys: ['A'] });
    const resourceId = Object.keys(Template.fromStack(stack).findResources('Custom::CostAllocationTags'))[0];
    expect(stack.resolve(constructs[0].activeTagKeys)).toEqual({ 'Fn::GetAtt': [resourceId, 'ActiveTagKeys'] });
    expect(stack.resolve(constructs[0].pendingTagKeys)).toEqual({ 'Fn::GetAtt': [resourceId, 'PendingTagKeys'] });
  });
});

describe('provider', () => {
  test('is shared by every CostAllocationTags of a stack', () => {
    const { stack } = stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::CostAllocationTags', 2);
    // onEvent handler, retry activator and the provider framework's function: once each.
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::Scheduler::Schedule', 2);
    const tokens = Object.values(template.findResources('Custom::CostAllocationTags')).map((r: any) => JSON.stringify(r.Properties.ServiceToken));
    expect(new Set(tokens).size).toBe(1);
  });

  test('the onEvent handler may only read and set tag status, and read the backfill history and start a backfill only when one is configured', () => {
    const plain = Template.fromStack(stackWith({ tagKeys: ['A'] }).stack);
    expect(statementsOfFunction(plain, 'CostAllocationTagsProviderOnEventHandler')).toEqual([STATUS_STATEMENT]);
    expect(JSON.stringify(plain.toJSON())).not.toContain('ce:StartCostAllocationTagBackfill');
    expect(JSON.stringify(plain.toJSON())).not.toContain('ce:ListCostAllocationTagBackfillHistory');

    const withBackfill = Template.fromStack(stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'], backfillFrom: monthStart(1) }, { tagKeys: ['C'], backfillFrom: monthStart(3) }).stack);
    expect(statementsOfFunction(withBackfill, 'CostAllocationTagsProviderOnEventHandler')).toEqual([STATUS_STATEMENT, BACKFILL_STATEMENT]);
  });

  test('pins every function to nodejs24.x and keeps their logs one month, deleted with the stack', () => {
    const template = Template.fromStack(stackWith({ tagKeys: ['A'] }).stack);
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect((fn as any).Properties.Runtime).toBe('nodejs24.x');
      expect((fn as any).Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    template.allResources('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    expect(JSON.stringify(template.toJSON().Mappings ?? {})).not.toContain('nodejs');
  });
});

describe('retry schedule', () => {
  test('runs every 6 hours by default, enabled only while the handler reports pending keys', () => {
    const { stack } = stackWith({ tagKeys: ['B', 'A'] });
    const template = Template.fromStack(stack);
    const resourceId = Object.keys(template.findResources('Custom::CostAllocationTags'))[0];
    const activatorId = Object.keys(template.findResources('AWS::Lambda::Function')).find((k) => k.includes('RetryActivator'))!;
    const roleId = Object.keys(template.findResources('AWS::IAM::Role')).find((k) => k.includes('RetryScheduleRole'))!;

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(6 hours)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: { 'Fn::GetAtt': [resourceId, 'RetryScheduleState'] },
      Target: {
        Arn: { 'Fn::GetAtt': [activatorId, 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
        Input: JSON.stringify({ source: 'cdk-bedrock-projects.cost-allocation-tags.retry', tagKeys: ['A', 'B'], scheduleArn: '<aws.scheduler.schedule-arn>' }),
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
  });

  test('the scheduler role may only invoke the activator, and only schedulers of this account may assume it', () => {
    const template = Template.fromStack(stackWith({ tagKeys: ['A'] }).stack);
    const activatorId = Object.keys(template.findResources('AWS::Lambda::Function')).find((k) => k.includes('RetryActivator'))!;
    const roles = template.findResources('AWS::IAM::Role');
    const roleId = Object.keys(roles).find((k) => k.includes('RetryScheduleRole'))!;

    expect(roles[roleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }]);
    expect(roles[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId));
    expect(policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [activatorId, 'Arn'] } },
    ]);
  });

  test('the activator may read and set tag status, and handle backfills only when one is configured', () => {
    const plain = Template.fromStack(stackWith({ tagKeys: ['A'] }).stack);
    expect(statementsOfFunction(plain, 'CostAllocationTagsProviderRetryActivator')).toEqual([STATUS_STATEMENT, ...scheduleControlStatements(plain)]);

    const withBackfill = Template.fromStack(stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'], backfillFrom: monthStart(1) }, { tagKeys: ['C'], backfillFrom: monthStart(3) }).stack);
    expect(statementsOfFunction(withBackfill, 'CostAllocationTagsProviderRetryActivator'))
      .toEqual([STATUS_STATEMENT, BACKFILL_STATEMENT, ...scheduleControlStatements(withBackfill)]);

    // A backfill without retries gives the activator (created by another construct) nothing; the
    // onEvent handler still gets the backfill actions.
    const noRetry = Template.fromStack(stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'], backfillFrom: monthStart(1), retryUntilActive: false }).stack);
    expect(statementsOfFunction(noRetry, 'CostAllocationTagsProviderRetryActivator')).toEqual([STATUS_STATEMENT, ...scheduleControlStatements(noRetry)]);
    expect(statementsOfFunction(noRetry, 'CostAllocationTagsProviderOnEventHandler')).toEqual([STATUS_STATEMENT, BACKFILL_STATEMENT]);
  });

  test('passes backfillFrom to the activator in the schedule\'s payload, only when set', () => {
    const from = monthStart(2);
    const template = Template.fromStack(stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'], backfillFrom: from }).stack);
    const inputs = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r: any) => JSON.parse(r.Properties.Target.Input));
    expect(inputs).toEqual([
      { source: 'cdk-bedrock-projects.cost-allocation-tags.retry', tagKeys: ['A'], scheduleArn: '<aws.scheduler.schedule-arn>' },
      { source: 'cdk-bedrock-projects.cost-allocation-tags.retry', tagKeys: ['B'], backfillFrom: from, scheduleArn: '<aws.scheduler.schedule-arn>' },
    ]);
  });

  test('the activator may read and turn off only the schedules of this stack\'s constructs, and pass only their role to Scheduler', () => {
    const template = Template.fromStack(stackWith({ tagKeys: ['A'] }, { tagKeys: ['B'] }, { tagKeys: ['C'], retryUntilActive: false }).stack);
    const scheduleIds = Object.keys(template.findResources('AWS::Scheduler::Schedule'));
    const roleId = Object.keys(template.findResources('AWS::IAM::Role')).find((k) => k.includes('RetryScheduleRole'))!;
    expect(scheduleIds).toHaveLength(2);
    expect(scheduleControlStatements(template)).toEqual([
      {
        Effect: 'Allow',
        Action: ['scheduler:GetSchedule', 'scheduler:UpdateSchedule'],
        Resource: scheduleIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      },
    ]);
    // Granted apart from the activator's default policy, which its function depends on: the
    // schedules depend on the function, so a grant there would be a dependency cycle.
    const policies = template.findResources('AWS::IAM::Policy');
    const holder = Object.entries(policies).find(([, p]: [string, any]) => JSON.stringify(p).includes('scheduler:UpdateSchedule'))!;
    const functions = template.findResources('AWS::Lambda::Function');
    const activator = Object.values(functions).find((f: any) => JSON.stringify(f).includes('RetryActivator')) as any;
    expect(activator.DependsOn ?? []).not.toContain(holder[0]);
  });

  test('is absent, with its activator and role, when retryUntilActive is false', () => {
    const template = Template.fromStack(stackWith({ tagKeys: ['A'], retryUntilActive: false }).stack);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).filter((k) => k.includes('RetrySchedule'))).toEqual([]);
  });

  test.each([
    [Duration.hours(1), 'rate(1 hour)'],
    [Duration.minutes(90), 'rate(90 minutes)'],
    [Duration.days(1), 'rate(1 day)'],
    [Duration.hours(48), 'rate(2 days)'],
  ])('turns retryInterval %s into %s', (interval, expression) => {
    const template = Template.fromStack(stackWith({ tagKeys: ['A'], retryInterval: interval }).stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: expression });
  });

  test('rejects a retryInterval under one hour or not in whole minutes', () => {
    expect(() => stackWith({ tagKeys: ['A'], retryInterval: Duration.minutes(30) }))
      .toThrow(/^Finops\/CostAllocationTags: retryInterval is 30 minutes, shorter than the minimum of 1 hour .* use e\.g\. Duration\.hours\(6\)$/);
    expect(() => stackWith({ tagKeys: ['A'], retryInterval: Duration.seconds(3630) })).toThrow(/whole number of minutes/);
    expect(() => stackWith({ tagKeys: ['A'], retryInterval: Duration.hours(Token.asNumber({ Ref: 'Hours' })) }))
      .toThrow(/retryInterval must be a literal duration, not a token/);
    // Not checked when there is no schedule.
    expect(() => stackWith({ tagKeys: ['A'], retryInterval: Duration.minutes(30), retryUntilActive: false })).not.toThrow();
  });
});

describe('tag key checks', () => {
  test('warns about keys that differ only by case', () => {
    const { stack } = stackWith({ tagKeys: ['CostCenter', 'costcenter', 'Team'] });
    const warnings = Annotations.fromStack(stack).findWarning('/Finops/CostAllocationTags', Match.stringLikeRegexp('differ only by case'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toContain('\'CostCenter\', \'costcenter\'');
  });

  test('rejects more than 500 keys', () => {
    const many = Array.from({ length: 501 }, (_, i) => `Key${i}`);
    expect(() => stackWith({ tagKeys: many })).toThrow(/^Finops\/CostAllocationTags: .*501 keys exceed the quota of 500/);
    expect(() => stackWith({ tagKeys: many.slice(0, 500) })).not.toThrow();
  });

  test('rejects keys AWS would reject, naming each key and the fix', () => {
    const tooLong = 'K'.repeat(129);
    expect(() => stackWith({ tagKeys: ['aws:createdBy', tooLong, 'Ok'] })).toThrow(new RegExp(
      `^Finops/CostAllocationTags: invalid cost allocation tag keys: '${tooLong}' must be 1 to 128 characters long but has 129; `
      + '\'aws:createdBy\' must not begin with \'aws:\'.*\\. Fix or remove these keys',
    ));
    expect(() => stackWith({ tagKeys: ['K'.repeat(128)] })).not.toThrow();
  });

  test('requires tagKeys or a taxonomy, and at least one key', () => {
    expect(() => stackWith({})).toThrow(/^Finops\/CostAllocationTags: no tag keys given; set tagKeys/);
    expect(() => stackWith({ tagKeys: [] })).toThrow(/^Finops\/CostAllocationTags: the tag key list is empty/);
    const taxonomy = new TagTaxonomy({ keys: [{ key: 'Owner', costAllocation: false }] });
    expect(() => stackWith({ taxonomy })).toThrow(/tag key list is empty; .*costAllocation: true/);
  });

  test('keeps unresolved keys without checking them', () => {
    const { constructs } = stackWith({ tagKeys: [Token.asString({ Ref: 'KeyParameter' }), 'A'] });
    expect(constructs[0].tagKeys).toHaveLength(2);
  });
});

describe('backfillFrom checks', () => {
  test.each([
    ['2025-1-01', /must be a date written YYYY-MM-01, e\.g\. '\d{4}-\d{2}-01'/],
    ['2025-13-01', /has month 13, which does not exist; use a month from 01 to 12/],
    [`${monthStart(1).slice(0, 8)}15`, /must be the first day of a month .*; use '\d{4}-\d{2}-01'/],
    [monthStart(-1), /is in the future; use '\d{4}-\d{2}-01' \(this month\) or an earlier month/],
    [monthStart(13), /is 13 months back, but Cost Explorer backfills at most 12 months; use '\d{4}-\d{2}-01' or later/],
  ])('rejects %s, naming the construct, the value and the fix', (value, message) => {
    let error: Error | undefined;
    try {
      stackWith({ tagKeys: ['A'], backfillFrom: value });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^Finops\/CostAllocationTags: backfillFrom '/);
    expect(error?.message).toContain(`'${value}'`);
    expect(error?.message).toMatch(message);
  });

  test('accepts this month and twelve months back, and leaves tokens to deploy time', () => {
    expect(() => stackWith({ tagKeys: ['A'], backfillFrom: monthStart(0) })).not.toThrow();
    expect(() => stackWith({ tagKeys: ['A'], backfillFrom: monthStart(12) })).not.toThrow();
    expect(() => stackWith({ tagKeys: ['A'], backfillFrom: Token.asString({ Ref: 'BackfillParameter' }) })).not.toThrow();
  });
});
