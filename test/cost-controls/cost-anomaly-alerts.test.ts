import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AnomalyAlertFrequency, CostAnomalyAlerts, TagTaxonomy } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('CostAnomalyAlerts', () => {
  test('one custom tag monitor on the taxonomy\'s values and a daily email subscription on impacts of 100 USD or more', () => {
    const stack = newStack();
    const alerts = new CostAnomalyAlerts(stack, 'TeamAnomalies', { tagKey: 'Team', taxonomy: TagTaxonomy.example(), emails: ['finops@example.com'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'CUSTOM',
      MonitorName: Match.stringLikeRegexp('TeamAnomalies'),
      MonitorSpecification: JSON.stringify({ Tags: { Key: 'Team', Values: ['CustomerExperience', 'PlatformEngineering', 'DataScience'] } }),
      MonitorDimension: Match.absent(),
    });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'DAILY',
      MonitorArnList: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^TeamAnomaliesMonitor'), 'MonitorArn'] }],
      Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }],
      ThresholdExpression: JSON.stringify({ Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['100'] } }),
    });
    expect(alerts.tagValues).toEqual(['CustomerExperience', 'PlatformEngineering', 'DataScience']);
  });

  test('more than 10 values are split over monitors of 10 in one subscription; immediate alerts go to a topic that Cost Anomaly Detection may publish to', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const values = Array.from({ length: 23 }, (_, i) => `CC-${String(1000 + i)}`);
    new CostAnomalyAlerts(stack, 'CostCenters', {
      tagKey: 'CostCenter',
      values,
      taxonomy: TagTaxonomy.example(),
      frequency: AnomalyAlertFrequency.IMMEDIATE,
      topic,
      minimumImpact: 50,
      minimumImpactPercentage: 20,
    });
    const template = Template.fromStack(stack);
    const monitors = Object.values(template.findResources('AWS::CE::AnomalyMonitor')).map((m: any) => JSON.parse(m.Properties.MonitorSpecification).Tags.Values);
    expect(monitors).toEqual([values.slice(0, 10), values.slice(10, 20), values.slice(20)]);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'IMMEDIATE',
      MonitorArnList: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^CostCentersMonitor3'), 'MonitorArn'] }]),
      Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('^Alerts') } }],
      ThresholdExpression: JSON.stringify({
        And: [
          { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['50'] } },
          { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['20'] } },
        ],
      }),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'costalerts.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
  });

  test('reports every problem at once: values against the taxonomy, subscribers for the frequency, impacts', () => {
    expect(() => new CostAnomalyAlerts(newStack(), 'A', {
      tagKey: 'CostCenter',
      values: ['CC-1', 'CC-1001'],
      taxonomy: TagTaxonomy.example(),
      frequency: AnomalyAlertFrequency.IMMEDIATE,
      emails: ['finops@example.com'],
      minimumImpact: -1,
    })).toThrow('Management/A: 4 problems:\n'
      + "  - Cost anomaly alerts on 'CostCenter': IMMEDIATE alerts are sent to an SNS topic only; give a topic, or choose DAILY or WEEKLY for emails\n"
      + "  - Cost anomaly alerts on 'CostCenter': IMMEDIATE alerts cannot go to emails; subscribe the emails to the topic, or choose DAILY or WEEKLY\n"
      + "  - Cost anomaly alerts on 'CostCenter': minimumImpact -1 is not zero or a positive number\n"
      + "  - Cost anomaly alerts on 'CostCenter': tag 'CostCenter' has value 'CC-1', which does not match the pattern ^CC-\\d{4}$");
  });

  test('a key without allowed values needs values; weekly summaries need emails and take no topic', () => {
    const stack = newStack();
    expect(() => new CostAnomalyAlerts(stack, 'A', { tagKey: 'CostCenter', taxonomy: TagTaxonomy.example(), frequency: AnomalyAlertFrequency.WEEKLY, topic: new sns.Topic(stack, 'T') }))
      .toThrow('Management/A: 3 problems:\n'
        + "  - Cost anomaly alerts on 'CostCenter': no values to monitor; give values, or a taxonomy that declares allowedValues for 'CostCenter'\n"
        + "  - Cost anomaly alerts on 'CostCenter': WEEKLY summaries are sent by email only; choose IMMEDIATE for the topic, or give emails\n"
        + "  - Cost anomaly alerts on 'CostCenter': WEEKLY summaries need at least one email subscriber; give emails");
  });

  test('warns when the key is not a cost allocation key', () => {
    const stack = newStack();
    new CostAnomalyAlerts(stack, 'A', {
      tagKey: 'Owner',
      values: ['alice'],
      taxonomy: new TagTaxonomy({ keys: [{ key: 'Owner', required: false, costAllocation: false }] }),
      emails: ['finops@example.com'],
    });
    const warnings = Annotations.fromStack(stack).findWarning('/Management/A', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining("Cost anomaly alerts on 'Owner': tag key 'Owner' is not a cost allocation key")]);
  });
});
