import { App, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BedrockProject, BudgetCostMetric, BudgetNotificationKind, BudgetPeriod, BudgetThresholdType, CostBudget, TagTaxonomy } from '../../src';
import { synthErrors } from '../support/synth-errors';

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

function newStack(): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The example taxonomy with Owner kept out of cost allocation. */
function taxonomyWithLocalOwner(): TagTaxonomy {
  const example = TagTaxonomy.example();
  return new TagTaxonomy({ keys: example.keys.map((k) => (k.key === 'Owner' ? { ...k, costAllocation: false } : k)) });
}

describe('CostBudget', () => {
  test('a single tag selection is a FilterExpression on that tag, monthly, unblended, without notifications when nobody subscribes', () => {
    const stack = newStack();
    new CostBudget(stack, 'DataScience', { tags: { Team: 'DataScience' }, limit: 500 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 500, Unit: 'USD' },
        Metrics: ['UnblendedCost'],
        FilterExpression: { Tags: { Key: 'Team', Values: ['DataScience'], MatchOptions: ['EQUALS'] } },
        BudgetName: Match.absent(),
        CostFilters: Match.absent(),
      },
      NotificationsWithSubscribers: Match.absent(),
    });
  });

  test('several tags are combined with And in key order; services narrow the scope; period and name apply', () => {
    const stack = newStack();
    new CostBudget(stack, 'Chatbot', {
      tags: { Team: 'CustomerExperience', CostCenter: 'CC-1001' },
      limit: 3000,
      period: BudgetPeriod.QUARTERLY,
      budgetName: 'chatbot-quarterly',
      costMetric: BudgetCostMetric.AMORTIZED,
      services: ['Amazon Bedrock', 'Claude 3.5 Sonnet (Amazon Bedrock Edition)'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'chatbot-quarterly',
        TimeUnit: 'QUARTERLY',
        Metrics: ['AmortizedCost'],
        FilterExpression: {
          And: [
            { Tags: { Key: 'CostCenter', Values: ['CC-1001'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Team', Values: ['CustomerExperience'], MatchOptions: ['EQUALS'] } },
            { Dimensions: { Key: 'SERVICE', Values: ['Amazon Bedrock', 'Claude 3.5 Sonnet (Amazon Bedrock Edition)'], MatchOptions: ['EQUALS'] } },
          ],
        },
      },
    });
  });

  test('subscribers get actual 80% and 100% and forecasted 100% by default; the topic lets AWS Budgets publish from this account', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts');
    new CostBudget(stack, 'B', { tags: { CostCenter: 'CC-1001' }, limit: 100, emails: ['finops@example.com'], topic });
    const template = Template.fromStack(stack);
    const subscribers = [
      { SubscriptionType: 'EMAIL', Address: 'finops@example.com' },
      { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('^Alerts') } },
    ];
    template.hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: [
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: subscribers },
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: subscribers },
        { Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: subscribers },
      ],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'AllowAwsBudgetsToPublish',
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: Match.stringLikeRegexp('^Alerts') },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }]),
      },
    });
  });

  test('explicit notifications: forecasted, absolute amounts', () => {
    const stack = newStack();
    new CostBudget(stack, 'B', {
      tags: { CostCenter: 'CC-1001' },
      limit: 100,
      emails: ['finops@example.com'],
      notifications: [
        { kind: BudgetNotificationKind.FORECASTED, threshold: 90 },
        { threshold: 250, thresholdType: BudgetThresholdType.ABSOLUTE_VALUE },
      ],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: [
        Match.objectLike({ Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 90, ThresholdType: 'PERCENTAGE' } }),
        Match.objectLike({ Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 250, ThresholdType: 'ABSOLUTE_VALUE' } }),
      ],
    });
  });

  test('reports every problem at once: tags against the taxonomy, limit, name, services, notifications and subscribers', () => {
    const stack = newStack();
    new CostBudget(stack, 'B', {
      tags: { Team: 'DataSci', costcenter: 'CC-1001' },
      taxonomy: TagTaxonomy.example(),
      limit: -5,
      budgetName: 'a:b/action/'.padEnd(101, 'x'),
      services: [],
      emails: ['finops', ...Array.from({ length: 10 }, (_, i) => `u${i}@example.com`)],
      notifications: [
        ...Array.from({ length: 5 }, (_, i) => ({ threshold: 10 * (i + 1) })),
        { threshold: 10 },
      ],
    });
    const errors = synthErrors(stack);
    const subject = "[Prod/B] Cost budget 'a:b/action/" + 'x'.repeat(90) + "'";
    for (const expected of [
      `${subject}: tag key 'costcenter' differs from the taxonomy key 'CostCenter' only by case; cost allocation tags are case-sensitive, so it would split cost reports. Rename it to 'CostCenter'`,
      `${subject}: tag 'Team' has value 'DataSci', which is not allowed; allowed values: CustomerExperience, PlatformEngineering, DataScience`,
      `${subject}: limit -5 is not a positive amount of US dollars; give the spend allowed per period`,
      `${subject}: budgetName 'a:b/action/${'x'.repeat(90)}' has 101 characters; AWS Budgets accepts 1 to 100`,
      `${subject}: budgetName 'a:b/action/${'x'.repeat(90)}' contains ':' or '\\', which AWS Budgets does not accept; remove them`,
      `${subject}: budgetName 'a:b/action/${'x'.repeat(90)}' contains '/action/', which AWS Budgets reserves; rename it`,
      `${subject}: services is an empty list; leave it out to count every service, or name the services to count`,
      `${subject}: has 6 notifications but AWS Budgets accepts at most 5 per budget; remove 1, or put them on a second budget with the same tags`,
      `${subject}: has 11 email subscribers but AWS allows at most 10; use an SNS topic for a longer list`,
      `${subject}: email subscriber 'finops' is not an email address`,
      `${subject}: the ACTUAL notification at 10 (PERCENTAGE) is given twice; AWS Budgets refuses duplicate notifications, keep one`,
    ]) {
      expect(errors).toContain(expected);
    }
  });

  test('five notifications, the most every AWS Budgets reference accepts, synthesize; a sixth fails', () => {
    const budgetWith = (count: number) => {
      const stack = newStack();
      new CostBudget(stack, 'B', {
        tags: { Team: 'DataScience' },
        limit: 10,
        emails: ['finops@example.com'],
        notifications: Array.from({ length: count }, (_, i) => ({ threshold: 10 * (i + 1) })),
      });
      return stack;
    };
    expect(Template.fromStack(budgetWith(5)).findResources('AWS::Budgets::Budget')).not.toEqual({});
    expect(synthErrors(budgetWith(6))).toBe('Validation failed with the following errors:\n'
      + '  [Prod/B] Cost budget: has 6 notifications but AWS Budgets accepts at most 5 per budget; remove 1, or put them on a second budget with the same tags');
  });

  test('a selection of no tags, notifications without subscribers and bad thresholds fail', () => {
    const stack = newStack();
    new CostBudget(stack, 'B', { tags: {}, limit: 10, notifications: [{ threshold: 0 }], services: [' '] });
    const errors = synthErrors(stack);
    expect(errors).toContain('[Prod/B] Cost budget: selects no tags, so it would count the whole account\'s spend; select at least one tag');
    expect(errors).toContain('[Prod/B] Cost budget: has 1 notifications but no subscribers; give emails or a topic, or leave notifications out');
    expect(errors).toContain('[Prod/B] Cost budget: a ACTUAL notification has threshold 0; give a positive percentage of the limit');
    expect(errors).toContain("[Prod/B] Cost budget: services contains an empty name; name each service as Cost Explorer's SERVICE dimension does");
  });

  test('warns that a key which is not a cost allocation key would show $0', () => {
    const stack = newStack();
    new CostBudget(stack, 'B', {
      tags: { Owner: 'alice', Project: 'x' },
      taxonomy: taxonomyWithLocalOwner(),
      limit: 10,
      emails: ['finops@example.com'],
    });
    const warnings = Annotations.fromStack(stack).findWarning('/Prod/B', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toContain("Cost budget: tag key 'Owner' is not a cost allocation key (the taxonomy declares it with costAllocation: false), so billing data does not carry it and the selection would show $0; "
      + "set costAllocation: true on 'Owner' and activate it with CostAllocationTags, or select on a cost allocation key (Application, Environment, Team, CostCenter) [ack: cdk-bedrock-projects:budgetTag:Owner]");
    expect(warnings).toContain("Cost budget: tag key 'Project' is not declared in the taxonomy, so it is not activated as a cost allocation tag with the taxonomy's keys and the selection would show $0 unless it is activated elsewhere; "
      + 'declare it in the taxonomy or select on a cost allocation key (Application, Environment, Team, CostCenter) [ack: cdk-bedrock-projects:budgetTag:Project]');
  });

  test('exposes what it counts', () => {
    const budget = new CostBudget(newStack(), 'B', { tags: { Team: 'DataScience' }, limit: 10, services: ['Amazon Bedrock'] });
    expect(budget.tags).toEqual({ Team: 'DataScience' });
    expect(budget.limit).toBe(10);
    expect(budget.period).toBe(BudgetPeriod.MONTHLY);
    expect(budget.services).toEqual(['Amazon Bedrock']);
  });
});

describe('BedrockProject.addBudget', () => {
  test('selects the project\'s cost allocation tags with their final values, after Tags.of', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', {
      projectName: 'CustomerChatbot-Prod',
      taxonomy: taxonomyWithLocalOwner(),
      tags: { ...TAGS, Environment: 'Staging', Owner: 'alice' },
    });
    Tags.of(stack).add('Environment', 'Production');
    const budget = project.addBudget('Budget', { limit: 1000, emails: ['team@example.com'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetLimit: { Amount: 1000, Unit: 'USD' },
        FilterExpression: {
          And: [
            { Tags: { Key: 'Application', Values: ['CustomerChatbot'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'CostCenter', Values: ['CC-1001'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Environment', Values: ['Production'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Team', Values: ['CustomerExperience'], MatchOptions: ['EQUALS'] } },
          ],
        },
      },
    });
    expect(budget.tags).toEqual({ Application: 'CustomerChatbot', CostCenter: 'CC-1001', Environment: 'Production', Team: 'CustomerExperience' });
  });

  test('without a taxonomy, selects all of the project\'s tags', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p', tags: { Team: 'DataScience' } });
    project.addBudget('Budget', { limit: 5 });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { FilterExpression: { Tags: { Key: 'Team', Values: ['DataScience'], MatchOptions: ['EQUALS'] } } },
    });
  });

  test('a project without cost allocation tags cannot have a budget', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', {
      projectName: 'p',
      taxonomy: new TagTaxonomy({ keys: [{ key: 'Owner', costAllocation: false }] }),
      tags: { Owner: 'alice' },
    });
    project.addBudget('Budget', { limit: 5 });
    expect(synthErrors(stack)).toContain("[Prod/P/Budget] Cost budget of Bedrock project 'p': selects no tags, so it would count the whole account's spend");
  });
});
