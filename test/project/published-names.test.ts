import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockProject, ProjectPortfolio, TagTaxonomy } from '../../src';

/** What consumers depend on: export names and SSM parameter names, sorted. */
function publishedNames(stack: Stack): { exports: string[]; parameters: string[] } {
  const template = Template.fromStack(stack).toJSON();
  return {
    exports: Object.values(template.Outputs ?? {}).map((o: any) => o.Export?.Name).sort(),
    parameters: Object.values(template.Resources ?? {})
      .filter((r: any) => r.Type === 'AWS::SSM::Parameter')
      .map((r: any) => r.Properties.Name).sort(),
  };
}

function newStack(): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

describe('renaming a project keeps what consumers read', () => {
  test('BedrockProject: a new projectName leaves export and SSM parameter names unchanged', () => {
    const publish = (projectName: string) => {
      const stack = newStack();
      new BedrockProject(stack, 'Chatbot', { projectName, ssmParameterPrefix: '/bedrock-projects/prod', arnOutput: true });
      return publishedNames(stack);
    };
    const before = publish('CustomerChatbot-Prod');
    const after = publish('CustomerAssistant-Prod');
    expect(after).toEqual(before);
    expect(before).toEqual({
      exports: ['Prod:Chatbot:ProjectArn', 'Prod:Chatbot:ProjectId'],
      parameters: ['/bedrock-projects/prod/Chatbot/arn', '/bedrock-projects/prod/Chatbot/id'],
    });
  });

  test('ProjectPortfolio: a row renamed with its old name as id keeps its names', () => {
    const publish = (projectName: string, id?: string) => {
      const stack = newStack();
      new ProjectPortfolio(stack, 'Projects', {
        environmentName: 'prod',
        taxonomy: TagTaxonomy.example(),
        projects: [{ projectName, id, tags: TAGS }],
      });
      return publishedNames(stack);
    };
    const before = publish('CustomerChatbot-Prod');
    expect(publish('CustomerAssistant-Prod', 'CustomerChatbot-Prod')).toEqual(before);
    expect(before).toEqual({
      exports: ['Prod:CustomerChatbot-Prod:ProjectId'],
      parameters: ['/bedrock-projects/prod/CustomerChatbot-Prod/arn', '/bedrock-projects/prod/CustomerChatbot-Prod/id'],
    });
  });

  test('publishedName pins the names, whatever the construct id and project name', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Renamed', {
      projectName: 'CustomerAssistant-Prod',
      publishedName: 'CustomerChatbot-Prod',
      ssmParameterPrefix: '/bedrock-projects/prod',
    });
    expect(publishedNames(stack)).toEqual({
      exports: ['Prod:CustomerChatbot-Prod:ProjectId'],
      parameters: ['/bedrock-projects/prod/CustomerChatbot-Prod/arn', '/bedrock-projects/prod/CustomerChatbot-Prod/id'],
    });
    expect(project.publishedName).toBe('CustomerChatbot-Prod');
    expect(project.projectIdExportName).toBe('Prod:CustomerChatbot-Prod:ProjectId');
    expect(project.ssmParameterPath).toBe('/bedrock-projects/prod/CustomerChatbot-Prod');
  });

  test('an SSM import by the published name reads the parameters the renamed project writes', () => {
    const app = new App();
    const env = { account: '123456789012', region: 'us-east-1' };
    const producer = new Stack(app, 'Producer', { env });
    const renamed = new BedrockProject(producer, 'Chatbot', { projectName: 'CustomerAssistant-Prod', ssmParameterPrefix: '/p' });
    const consumer = new Stack(app, 'Consumer', { env });
    const imported = BedrockProject.fromSsmParameters(consumer, 'Imported', { ssmParameterPrefix: '/p', publishedName: 'Chatbot' });
    const parameters = Template.fromStack(consumer).toJSON().Parameters;
    const defaults = Object.values(parameters).map((p: any) => p.Default).filter((d) => typeof d === 'string' && d.startsWith('/p/')).sort();
    expect(defaults).toEqual([`${renamed.ssmParameterPath}/arn`, `${renamed.ssmParameterPath}/id`]);
    expect(imported.projectId).toBeDefined();
  });
});
