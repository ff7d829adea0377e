import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BedrockProject } from '../../src';

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

function newStack(region = 'us-east-1'): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region } });
}

describe('usage metrics of a project', () => {
  test('each named metric reads AWS/BedrockMantle with the Project dimension, summed over 5 minutes, in the project\'s region', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', tags: TAGS });
    const cases: Array<[cloudwatch.Metric, string]> = [
      [project.metricInferences(), 'Inferences'],
      [project.metricInferenceClientErrors(), 'InferenceClientErrors'],
      [project.metricTotalInputTokens(), 'TotalInputTokens'],
      [project.metricTotalOutputTokens(), 'TotalOutputTokens'],
    ];
    for (const [metric, name] of cases) {
      expect(metric.namespace).toBe('AWS/BedrockMantle');
      expect(metric.metricName).toBe(name);
      expect(metric.statistic).toBe('Sum');
      expect(metric.period.toSeconds()).toBe(300);
      expect(metric.region).toBe('us-east-1');
      // The stack's own account is left out, so dashboards and alarms do not read it cross-account.
      expect(metric.account).toBeUndefined();
      expect(stack.resolve(metric.dimensions)).toEqual({ Project: { 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectId'] } });
    }
  });

  test('a model adds the Model dimension, and the usual metric options apply', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', tags: TAGS });
    const metric = project.metric('InputTokens', { model: 'openai.gpt-oss-120b', period: Duration.hours(1), label: 'Input', statistic: 'Average' });
    expect(metric.metricName).toBe('InputTokens');
    expect(metric.label).toBe('Input');
    expect(metric.statistic).toBe('Average');
    expect(metric.period.toSeconds()).toBe(3600);
    expect(stack.resolve(metric.dimensions)).toEqual({
      Project: { 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectId'] },
      Model: 'openai.gpt-oss-120b',
    });
  });

  test('an imported project reads its metrics in the region and account of its ARN', () => {
    const stack = newStack('us-east-1');
    const imported = BedrockProject.fromProjectAttributes(stack, 'Imported', {
      projectId: 'proj_abc123',
      projectArn: 'arn:aws:bedrock-mantle:eu-west-1:999999999999:project/proj_abc123',
    });
    const metric = imported.metricInferences();
    expect(metric.region).toBe('eu-west-1');
    expect(metric.account).toBe('999999999999');
    expect(metric.dimensions).toEqual({ Project: 'proj_abc123' });
  });

  test('a project of an environment-agnostic stack puts no region token into its metrics', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const project = BedrockProject.fromProjectId(stack, 'P', 'proj_abc123');
    expect(project.metricInferences().region).toBeUndefined();
    expect(project.metricInferences().account).toBeUndefined();
  });
});

describe('estimated cost', () => {
  const prices = [
    { model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 },
    { model: 'anthropic.claude', inputPerMillionTokens: 3, outputPerMillionTokens: 15 },
  ];

  test('is a math expression in US dollars over the per-model token metrics', () => {
    const project = BedrockProject.fromProjectId(newStack(), 'P', 'proj_abc123');
    const cost = project.metricEstimatedCost({ prices });
    expect(cost.expression).toBe('(FILL(input1,0)*0.15 + FILL(output1,0)*0.6 + FILL(input2,0)*3 + FILL(output2,0)*15)/1000000');
    expect(Object.keys(cost.usingMetrics)).toEqual(['input1', 'output1', 'input2', 'output2']);
    const input2 = cost.usingMetrics.input2 as cloudwatch.Metric;
    expect(input2.metricName).toBe('TotalInputTokens');
    expect(input2.dimensions).toEqual({ Project: 'proj_abc123', Model: 'anthropic.claude' });
    expect(cost.label).toBe('Estimated cost (USD)');
    expect(cost.period.toSeconds()).toBe(300);
  });

  test('a default price applies to the project\'s tokens minus those of the listed models', () => {
    const project = BedrockProject.fromProjectId(newStack(), 'P', 'proj_abc123');
    const cost = project.metricEstimatedCost({
      prices: prices.slice(0, 1),
      defaultPrice: { inputPerMillionTokens: 1, outputPerMillionTokens: 0.0000001 },
      period: Duration.hours(1),
    });
    expect(cost.expression).toBe('(FILL(input1,0)*0.15 + FILL(output1,0)*0.6 + (FILL(inputAll,0) - FILL(input1,0))*1 + (FILL(outputAll,0) - FILL(output1,0))*0.0000001)/1000000');
    expect((cost.usingMetrics.inputAll as cloudwatch.Metric).dimensions).toEqual({ Project: 'proj_abc123' });
    expect(cost.period.toSeconds()).toBe(3600);
  });

  test('only a default price prices all tokens', () => {
    const project = BedrockProject.fromProjectId(newStack(), 'P', 'proj_abc123');
    expect(project.metricEstimatedCost({ prices: [], defaultPrice: { inputPerMillionTokens: 2, outputPerMillionTokens: 8 } }).expression)
      .toBe('(FILL(inputAll,0)*2 + FILL(outputAll,0)*8)/1000000');
  });

  test('reports every bad price at once', () => {
    const project = BedrockProject.fromProjectId(newStack(), 'P', 'proj_abc123');
    expect(() => project.metricEstimatedCost({
      prices: [
        { model: 'm', inputPerMillionTokens: -1, outputPerMillionTokens: 1 },
        { model: 'm', inputPerMillionTokens: 1, outputPerMillionTokens: Number.NaN },
        { model: ' ', inputPerMillionTokens: 1, outputPerMillionTokens: 1 },
      ],
    })).toThrow('Prod/P: 4 problems:\n'
      + "  - estimated cost: model 'm' has inputPerMillionTokens -1; give a price of zero or more US dollars per million tokens\n"
      + "  - estimated cost: model 'm' is priced twice; keep one price per model\n"
      + "  - estimated cost: model 'm' has outputPerMillionTokens NaN; give a price of zero or more US dollars per million tokens\n"
      + '  - estimated cost: a price has an empty model; name the model as the Model dimension of AWS/BedrockMantle does');
    expect(() => project.metricEstimatedCost({ prices: [] }))
      .toThrow("Prod/P: estimated cost: prices is empty and there is no defaultPrice, so nothing would be counted; list the models' prices or give a defaultPrice");
  });
});

describe('spend alarm', () => {
  const prices = [{ model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 }];

  test('raises when the estimated spend in the window passes the threshold, and notifies the topic', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', tags: TAGS });
    const topic = new sns.Topic(stack, 'Alerts');
    project.addSpendAlarm('SpendAlarm', { threshold: 25, prices, topic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 25,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
      AlarmDescription: "Estimated spend of Bedrock project 'CustomerChatbot-Prod' above 25 USD in 1 hour (from token metrics and the prices in the stack, not the bill)",
      Metrics: [
        { Id: 'expr_1', Expression: '(FILL(input1,0)*0.15 + FILL(output1,0)*0.6)/1000000', ReturnData: true, Label: 'Estimated spend (USD)' },
        {
          Id: 'input1',
          ReturnData: false,
          MetricStat: {
            Period: 3600,
            Stat: 'Sum',
            Metric: {
              Namespace: 'AWS/BedrockMantle',
              MetricName: 'TotalInputTokens',
              Dimensions: [{ Name: 'Model', Value: 'openai.gpt-oss-120b' }, { Name: 'Project', Value: { 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectId'] } }],
            },
          },
        },
        Match.objectLike({ Id: 'output1' }),
      ],
    });
  });

  test('takes any alarm action, a window and a name', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'P', 'proj_abc123');
    const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:123456789012:on-call' }) };
    project.addSpendAlarm('Spend', { threshold: 5, window: Duration.minutes(15), prices, actions: [action], alarmName: 'chatbot-spend' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'chatbot-spend',
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:on-call'],
      OKActions: Match.absent(),
      AlarmDescription: 'Estimated spend of Bedrock project proj_abc123 above 5 USD in 15 minutes (from token metrics and the prices in the stack, not the bill)',
      Metrics: Match.arrayWith([Match.objectLike({ Id: 'input1', MetricStat: Match.objectLike({ Period: 900 }) })]),
    });
  });

  test('reports every limit at once: threshold, window, the 10 metrics of a math alarm and the region', () => {
    const stack = newStack('us-east-1');
    const project = BedrockProject.fromProjectAttributes(stack, 'P', {
      projectId: 'proj_abc123',
      projectArn: 'arn:aws:bedrock-mantle:eu-west-1:123456789012:project/proj_abc123',
    });
    const five = ['a', 'b', 'c', 'd', 'e'].map((model) => ({ model, inputPerMillionTokens: 1, outputPerMillionTokens: 1 }));
    expect(() => project.addSpendAlarm('Spend', {
      threshold: 0,
      window: Duration.seconds(90),
      prices: five,
      defaultPrice: { inputPerMillionTokens: 1, outputPerMillionTokens: 1 },
    })).toThrow('Prod/P: 4 problems:\n'
      + "  - spend alarm 'Spend' of Bedrock project proj_abc123: threshold 0 is not a positive number of US dollars; give the spend above which to alarm\n"
      + "  - spend alarm 'Spend' of Bedrock project proj_abc123: window 1 minute 30 seconds is not a whole number of minutes between 1 minute and 1 day; CloudWatch alarms evaluate such periods only\n"
      + "  - spend alarm 'Spend' of Bedrock project proj_abc123: the estimate would read 12 metrics (input and output tokens of 5 models and of the whole project for defaultPrice), but a CloudWatch alarm on a math expression may read at most 10; "
      + 'price at most 4 models and cover the others with defaultPrice, or split the models over several alarms\n'
      + "  - spend alarm 'Spend' of Bedrock project proj_abc123: the project's metrics are in eu-west-1 but this stack is in us-east-1, and a CloudWatch alarm only watches metrics of its own region; add the alarm in a stack in eu-west-1");
  });

  test('five priced models without a default price fit the 10 metrics', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'P', 'proj_abc123');
    const five = ['a', 'b', 'c', 'd', 'e'].map((model) => ({ model, inputPerMillionTokens: 1, outputPerMillionTokens: 1 }));
    project.addSpendAlarm('Spend', { threshold: 1, prices: five });
    const alarm = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))[0] as any;
    expect(alarm.Properties.Metrics.filter((m: any) => m.MetricStat)).toHaveLength(10);
  });
});
