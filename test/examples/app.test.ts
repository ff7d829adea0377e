import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../examples/app';

const CDK_JSON = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf-8'));

/** The example app as `cdk synth` builds it: with the context of cdk.json plus `extra`. */
function exampleApp(extra: Record<string, unknown> = {}): App {
  return buildApp(new App({ context: { ...CDK_JSON.context, ...extra } }));
}

function stackNames(app: App): string[] {
  return app.node.children.filter((c): c is Stack => Stack.isStack(c)).map((s) => s.stackName).sort();
}

describe('example app', () => {
  const app = exampleApp();
  const template = (stackName: string) => Template.fromStack(app.node.findChild(stackName) as Stack);
  const projectsOf = (stackName: string) => Object.values(template(stackName).findResources('Custom::BedrockProject'))
    .map((r: any) => [r.Properties.ProjectName, r.Properties.Tags.Environment]).sort();

  test('puts each seed project in the stack of its environment', () => {
    expect(projectsOf('BedrockProjects-dev')).toEqual([['CustomerChatbot-Dev', 'Development']]);
    expect(projectsOf('BedrockProjects-staging')).toEqual([['CustomerChatbot-Staging', 'Staging']]);
    expect(projectsOf('BedrockProjects-prod')).toEqual([
      ['CustomerChatbot-Prod', 'Production'],
      ['DataAnalytics-Prod', 'Production'],
      ['Experiments-Research', 'Production'],
    ]);
  });

  test('synthesizes every stack without AWS credentials', () => {
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'BedrockCostAllocation',
      'BedrockProjects-dev', 'BedrockProjects-prod', 'BedrockProjects-staging',
      'ChatbotApp-dev', 'ChatbotApp-prod', 'ChatbotApp-staging',
    ]);
  });

  test('each environment deploys to the region of its configuration, with no account in the repository', () => {
    const environments = CDK_JSON.context.environments;
    for (const [name, target] of Object.entries<any>(environments)) {
      expect(target.account).toBeUndefined();
      expect(typeof target.region).toBe('string');
      const stackName = name === 'management' ? 'BedrockCostAllocation' : `BedrockProjects-${name}`;
      expect((app.node.findChild(stackName) as Stack).region).toBe(target.region);
    }
    expect((app.node.findChild('ChatbotApp-prod') as Stack).region).toBe(environments.prod.region);
  });

  test('an account in the configuration wins over the CLI default', () => {
    const configured = exampleApp({ environments: { ...CDK_JSON.context.environments, prod: { account: '111111111111', region: 'eu-west-1' } } });
    const prod = configured.node.findChild('BedrockProjects-prod') as Stack;
    expect([prod.account, prod.region]).toEqual(['111111111111', 'eu-west-1']);
  });

  test('every project publishes its ID as an output, and its ID and ARN as SSM parameters', () => {
    const prod = template('BedrockProjects-prod');
    const exports = Object.values(prod.toJSON().Outputs).map((o: any) => o.Export.Name);
    expect(exports).toEqual(expect.arrayContaining([
      'BedrockProjects-prod:CustomerChatbot-Prod:ProjectId', 'BedrockProjects-prod:DataAnalytics-Prod:ProjectId',
      'BedrockProjects-prod:Experiments-Research:ProjectId',
    ]));
    expect(exports.filter((name) => name.endsWith(':ProjectArn'))).toEqual([]);
    prod.hasResourceProperties('AWS::SSM::Parameter', { Name: '/bedrock-projects/prod/CustomerChatbot-Prod/id' });
    template('BedrockProjects-dev').hasResourceProperties('AWS::SSM::Parameter', { Name: '/bedrock-projects/dev/CustomerChatbot-Dev/arn' });
  });

  test.each(['dev', 'staging', 'prod'])('the %s chatbot uses its own environment\'s chatbot project through the Responses API endpoint', (environment) => {
    const chatbot = template(`ChatbotApp-${environment}`);
    const region = CDK_JSON.context.environments[environment].region;
    const fn = Object.values(chatbot.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Handler).toBe('index.handler');

    const idExport = fn.Properties.Environment.Variables.OPENAI_PROJECT_ID['Fn::ImportValue'];
    expect(fn.Properties.Environment.Variables).toEqual({
      MODEL_ID: 'openai.gpt-oss-120b',
      OPENAI_BASE_URL: `https://bedrock-mantle.${region}.api.aws/v1`,
      OPENAI_PROJECT_ID: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^BedrockProjects-${environment}:ExportsOutputFnGetAttProjectsCustomerChatbot`)) },
    });
    const statements = Object.values(chatbot.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement)
      // The example's role may also write to the function's own log group.
      .filter((st) => !JSON.stringify(st.Action).includes('logs:'));
    expect(statements).toEqual([{
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^BedrockProjects-${environment}:ExportsOutputFnGetAttProjectsCustomerChatbot.*ProjectArn`)) },
    }]);

    // The imported export is the chatbot project's ID in the environment's projects stack.
    const outputs = template(`BedrockProjects-${environment}`).toJSON().Outputs;
    const exported = Object.values(outputs).find((o: any) => o.Export.Name === idExport) as any;
    const projects = template(`BedrockProjects-${environment}`).findResources('Custom::BedrockProject');
    expect(projects[exported.Value['Fn::GetAtt'][0]].Properties.ProjectName).toMatch(/^CustomerChatbot-/);
  });

  test('the chatbot code is the plain JavaScript handler that calls the Responses API', () => {
    const code = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'chatbot-function', 'index.mjs'), 'utf-8');
    expect(code).toContain('client.responses.create(');
    expect(code).toContain("service: 'bedrock-mantle'");
    expect(code).toContain('export async function handler');
  });

  test('the management stack activates the taxonomy\'s cost allocation keys', () => {
    const management = template('BedrockCostAllocation');
    management.hasResourceProperties('Custom::CostAllocationTags', {
      TagKeys: ['Application', 'CostCenter', 'Environment', 'Owner', 'Team'],
    });
    management.resourceCountIs('Custom::BedrockProject', 0);
  });

  test('-c environment=prod synthesizes only prod', () => {
    expect(stackNames(exampleApp({ environment: 'prod' }))).toEqual(['BedrockProjects-prod', 'ChatbotApp-prod']);
    expect(stackNames(exampleApp({ environment: 'management' }))).toEqual(['BedrockCostAllocation']);
  });

  test('an unknown environment is rejected with the choices', () => {
    expect(() => exampleApp({ environment: 'production' })).toThrow(
      "Context 'environment' is 'production'; use one of dev, staging, prod, management, or leave it out to synthesize every environment",
    );
  });

  test('a missing configuration says what to add to cdk.json', () => {
    expect(() => buildApp(new App())).toThrow("Context 'environments' is missing; add it to cdk.json");
    expect(() => exampleApp({ environments: { dev: { region: 'us-east-1' } } })).toThrow(
      "Context 'environments' has no entry for 'staging'; add \"staging\": {\"region\": \"...\"} to it in cdk.json",
    );
  });

  test('environments given on the command line as JSON are read too', () => {
    const fromCli = exampleApp({ environment: 'dev', environments: JSON.stringify({ dev: { region: 'eu-central-1' } }) });
    expect((fromCli.node.findChild('BedrockProjects-dev') as Stack).region).toBe('eu-central-1');
  });
});

describe('example app: watching spend', () => {
  const app = exampleApp();
  const template = (stackName: string) => Template.fromStack(app.node.findChild(stackName) as Stack);

  test('each production project gets a monthly budget on its cost allocation tags and an hourly spend alarm; other environments none', () => {
    const prod = template('BedrockProjects-prod');
    prod.resourceCountIs('AWS::Budgets::Budget', 3);
    prod.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    prod.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetLimit: { Amount: 1000, Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        FilterExpression: {
          And: [
            { Tags: { Key: 'Application', Values: ['DataAnalytics'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'CostCenter', Values: ['CC-3003'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Environment', Values: ['Production'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Team', Values: ['DataScience'], MatchOptions: ['EQUALS'] } },
          ],
        },
      },
    });
    prod.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 20, EvaluationPeriods: 1 });
    // The three budgets share the topic, and one statement lets AWS Budgets publish to it.
    const topicPolicies = Object.values(prod.findResources('AWS::SNS::TopicPolicy')) as any[];
    expect(topicPolicies.map((p) => p.Properties.PolicyDocument.Statement.map((st: any) => st.Sid)))
      .toEqual([['AllowPublishThroughSSLOnly', 'AllowAwsBudgetsToPublish']]);
    for (const environment of ['dev', 'staging']) {
      template(`BedrockProjects-${environment}`).resourceCountIs('AWS::Budgets::Budget', 0);
      template(`BedrockProjects-${environment}`).resourceCountIs('AWS::CloudWatch::Alarm', 0);
    }
  });

  test.each(['dev', 'staging', 'prod'])('the %s environment has a dashboard', (environment) => {
    template(`BedrockProjects-${environment}`).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  test('the management account watches each cost center for anomalies', () => {
    const management = template('BedrockCostAllocation');
    management.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'CUSTOM',
      MonitorSpecification: JSON.stringify({ Tags: { Key: 'CostCenter', Values: ['CC-1001', 'CC-2002', 'CC-3003'] } }),
    });
    management.hasResourceProperties('AWS::CE::AnomalySubscription', { Frequency: 'DAILY', Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }] });
  });
});
