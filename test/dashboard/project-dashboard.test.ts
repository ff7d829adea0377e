import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockProject, ProjectDashboard, ProjectPortfolio, TagTaxonomy } from '../../src';

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

function newStack(): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-west-2' } });
}

/** The dashboard body with its tokens resolved, as the JSON CloudWatch receives (references shown as {ref}). */
function dashboardBody(stack: Stack): any {
  const dashboards = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = (dashboards[0] as any).Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: any) => (typeof part === 'string' ? part : `{${JSON.stringify(part).replace(/"/g, '\'')}}`)).join('');
  return JSON.parse(text);
}

describe('ProjectDashboard', () => {
  test('one row per project in the given order: inferences with client errors, tokens, and estimated spend when prices are given', () => {
    const stack = newStack();
    const chatbot = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', tags: TAGS });
    const imported = BedrockProject.fromProjectAttributes(stack, 'Analytics', {
      projectId: 'proj_analytics1',
      projectArn: 'arn:aws:bedrock-mantle:eu-west-1:123456789012:project/proj_analytics1',
    });
    new ProjectDashboard(stack, 'Dashboard', {
      projects: [imported, chatbot],
      dashboardName: 'bedrock-prod',
      prices: [{ model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'bedrock-prod' });
    const body = dashboardBody(stack);
    expect(body.start).toBe('-P1D');
    expect(body.widgets.map((w: any) => w.properties.title ?? w.type)).toEqual([
      'text',
      'proj_analytics1: inferences', 'proj_analytics1: tokens', 'proj_analytics1: estimated spend (USD)',
      'CustomerChatbot-Prod: inferences', 'CustomerChatbot-Prod: tokens', 'CustomerChatbot-Prod: estimated spend (USD)',
    ]);
    // Each graph reads its project's region: the imported project's is eu-west-1, no region is hard-coded.
    const analyticsInferences = body.widgets[1].properties;
    expect(analyticsInferences.metrics).toEqual([
      ['AWS/BedrockMantle', 'Inferences', 'Project', 'proj_analytics1', { label: 'Inferences', region: 'eu-west-1', stat: 'Sum' }],
      ['AWS/BedrockMantle', 'InferenceClientErrors', 'Project', 'proj_analytics1', { label: 'Client errors (4xx)', region: 'eu-west-1', stat: 'Sum', yAxis: 'right' }],
    ]);
    const chatbotTokens = body.widgets[5].properties;
    expect(chatbotTokens.region).toBe("{{'Ref':'AWS::Region'}}");
    expect(chatbotTokens.metrics.map((m: any[]) => m[1])).toEqual(['TotalInputTokens', 'TotalOutputTokens']);
    const spend = body.widgets[6].properties.metrics;
    expect(spend[0][0]).toEqual({ expression: '(FILL(input1,0)*0.15 + FILL(output1,0)*0.6)/1000000', label: 'Estimated cost (USD)' });
  });

  test('without prices, two graphs per project and no spend', () => {
    const stack = newStack();
    const project = BedrockProject.fromProjectId(stack, 'P', 'proj_abc123');
    new ProjectDashboard(stack, 'Dashboard', { projects: [project] });
    const body = dashboardBody(stack);
    expect(body.widgets.map((w: any) => w.properties.title ?? w.type)).toEqual(['text', 'proj_abc123: inferences', 'proj_abc123: tokens']);
    expect(body.widgets[1].width).toBe(12);
  });

  test('more projects than a dashboard holds widgets for fail with the fix', () => {
    const stack = newStack();
    const projects = Array.from({ length: 167 }, (_, i) => BedrockProject.fromProjectId(stack, `P${i}`, `proj_${i}`));
    expect(() => new ProjectDashboard(stack, 'Dashboard', { projects, defaultPrice: { inputPerMillionTokens: 1, outputPerMillionTokens: 1 } }))
      .toThrow('Prod/Dashboard: 167 projects would need 502 widgets but a CloudWatch dashboard holds at most 500; split the projects over several dashboards');
  });

  test('a portfolio adds a dashboard of its projects', () => {
    const stack = newStack();
    const portfolio = new ProjectPortfolio(stack, 'Projects', {
      environmentName: 'prod',
      taxonomy: TagTaxonomy.example(),
      projects: [
        { projectName: 'CustomerChatbot-Prod', tags: TAGS },
        { projectName: 'DataAnalytics-Prod', tags: { ...TAGS, Application: 'DataAnalytics', Team: 'DataScience', CostCenter: 'CC-3003' } },
      ],
    });
    const dashboard = portfolio.addDashboard('Dashboard', { start: '-P7D' });
    expect(dashboard.node.path).toBe('Prod/Projects/Dashboard');
    const body = dashboardBody(stack);
    expect(body.start).toBe('-P7D');
    expect(body.widgets.map((w: any) => w.properties.title ?? w.type)).toEqual([
      'text', 'CustomerChatbot-Prod: inferences', 'CustomerChatbot-Prod: tokens', 'DataAnalytics-Prod: inferences', 'DataAnalytics-Prod: tokens',
    ]);
  });
});
