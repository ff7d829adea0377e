import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DataRetention, TagTaxonomy } from '../../src';
import { ProjectPortfolio, ProjectPortfolioProps, ProjectSpec } from '../../src/portfolio';
import { synthErrors } from '../support/synth-errors';

const CHATBOT: ProjectSpec = {
  projectName: 'CustomerChatbot-Prod',
  tags: { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
};
const RESEARCH: ProjectSpec = {
  projectName: 'Experiments-Research',
  tags: { Application: 'Experiments', Environment: 'Production', Team: 'PlatformEngineering', CostCenter: 'CC-2002' },
};
const ANALYTICS: ProjectSpec = {
  projectName: 'DataAnalytics-Prod',
  tags: { Application: 'DataAnalytics', Environment: 'Production', Team: 'DataScience', CostCenter: 'CC-3003' },
};

function newStack(): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

function portfolio(props: Partial<ProjectPortfolioProps> = {}, stack = newStack()): ProjectPortfolio {
  return new ProjectPortfolio(stack, 'Projects', {
    environmentName: 'prod',
    taxonomy: TagTaxonomy.example(),
    projects: [CHATBOT, RESEARCH, ANALYTICS],
    ...props,
  });
}

describe('ProjectPortfolio', () => {
  test('declares one project per spec, with its tags, in order', () => {
    const p = portfolio();
    const template = Template.fromStack(Stack.of(p));
    const resources = Object.values(template.findResources('Custom::BedrockProject')).map((r) => [r.Properties.ProjectName, r.Properties.Tags]);
    expect(resources).toEqual([
      ['CustomerChatbot-Prod', CHATBOT.tags],
      ['Experiments-Research', RESEARCH.tags],
      ['DataAnalytics-Prod', ANALYTICS.tags],
    ]);
    expect(p.projects.map((x) => x.projectName)).toEqual(['CustomerChatbot-Prod', 'Experiments-Research', 'DataAnalytics-Prod']);
  });

  test('every project has outputs and SSM parameters under /bedrock-projects/<environment> by default', () => {
    const p = portfolio();
    const template = Template.fromStack(Stack.of(p));
    const exports = Object.values(template.toJSON().Outputs).map((o: any) => o.Export.Name).sort();
    expect(exports).toEqual([
      'Prod:CustomerChatbot-Prod:ProjectId', 'Prod:DataAnalytics-Prod:ProjectId', 'Prod:Experiments-Research:ProjectId',
    ]);
    const parameterNames = Object.values(template.findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name).sort();
    expect(parameterNames).toEqual([
      '/bedrock-projects/prod/CustomerChatbot-Prod/arn', '/bedrock-projects/prod/CustomerChatbot-Prod/id',
      '/bedrock-projects/prod/DataAnalytics-Prod/arn', '/bedrock-projects/prod/DataAnalytics-Prod/id',
      '/bedrock-projects/prod/Experiments-Research/arn', '/bedrock-projects/prod/Experiments-Research/id',
    ]);
    expect(p.ssmParameterPrefix).toBe('/bedrock-projects/prod');
  });

  test('outputs and SSM parameters can be switched off, or put under another prefix', () => {
    const off = portfolio({ outputs: false, ssmParameters: false });
    const template = Template.fromStack(Stack.of(off));
    expect(template.toJSON().Outputs).toBeUndefined();
    template.resourceCountIs('AWS::SSM::Parameter', 0);
    expect(off.ssmParameterPrefix).toBeUndefined();

    const custom = portfolio({ ssmParameterPrefix: '/platform/ai/prod' });
    expect(custom.project('CustomerChatbot-Prod').ssmParameterPath).toBe('/platform/ai/prod/CustomerChatbot-Prod');
  });

  test('a prefix given with SSM parameters switched off is refused, not ignored', () => {
    expect(() => portfolio({ ssmParameters: false, ssmParameterPrefix: '/platform/ai/prod' })).toThrow(
      "Prod/Projects: ssmParameterPrefix '/platform/ai/prod' is set but ssmParameters is false, so no parameter would be written; remove one of the two",
    );
  });

  test('defaultTags fill keys a spec leaves out, and the spec wins', () => {
    const p = portfolio({
      defaultTags: { Environment: 'Production', Owner: 'platform@example.com' },
      projects: [{ projectName: 'Chat', tags: { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001', Owner: 'chat@example.com' } }],
    });
    expect(p.project('Chat').tags).toEqual({
      Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001', Owner: 'chat@example.com',
    });
  });

  test('data retention and removal policy pass through; the portfolio policy is the default', () => {
    const p = portfolio({
      removalPolicy: RemovalPolicy.DESTROY,
      projects: [
        { ...CHATBOT, dataRetention: DataRetention.NONE, removalPolicy: RemovalPolicy.RETAIN },
        RESEARCH,
      ],
    });
    const template = Template.fromStack(Stack.of(p));
    const byName = Object.fromEntries(Object.values(template.findResources('Custom::BedrockProject'))
      .map((r) => [r.Properties.ProjectName, [r.Properties.DataRetention, r.Properties.RemovalPolicy, r.DeletionPolicy]]));
    expect(byName).toEqual({
      'CustomerChatbot-Prod': ['none', 'retain', 'Retain'],
      'Experiments-Research': [undefined, 'destroy', 'Delete'],
    });
  });

  test('the taxonomy applies to every project', () => {
    const p = portfolio({ projects: [CHATBOT, { ...RESEARCH, tags: { ...RESEARCH.tags, Team: 'Marketing' } }] });
    expect(synthErrors(Stack.of(p))).toContain(
      "[Prod/Projects/Experiments-Research] Bedrock project 'Experiments-Research': tag 'Team' has value 'Marketing', which is not allowed",
    );
  });

  test('project(name) finds a project, and names the ones there are when it does not', () => {
    const p = portfolio();
    expect(p.project('DataAnalytics-Prod')).toBe(p.projects[2]);
    expect(p.tryFindProject('Nope')).toBeUndefined();
    expect(() => p.project('CustomerChatbot-Dev')).toThrow(
      "Prod/Projects: environment 'prod' has no project named 'CustomerChatbot-Dev'; its projects are 'CustomerChatbot-Prod', 'Experiments-Research', 'DataAnalytics-Prod'",
    );
  });

  test('a repeated project name fails with both positions', () => {
    expect(() => portfolio({ projects: [CHATBOT, RESEARCH, { ...CHATBOT, tags: {} }] })).toThrow(
      "Prod/Projects: projects[0] and projects[2] are both named 'CustomerChatbot-Prod'; each project of environment 'prod' needs a unique projectName",
    );
  });

  test('a repeated construct id fails with both positions', () => {
    expect(() => portfolio({ projects: [{ ...CHATBOT, id: 'Chat' }, { ...RESEARCH, id: 'Chat' }] })).toThrow(
      "Prod/Projects: projects[0] and projects[1] would both have the construct id 'Chat'; set a distinct id on one of them",
    );
    expect(() => portfolio({ projects: [{ ...CHATBOT, projectName: 'a/b' }, { ...RESEARCH, projectName: 'a--b' }] })).toThrow(
      "projects[0] and projects[1] would both have the construct id 'a--b'",
    );
  });

  test('an explicit id keeps the logical ID when a project is renamed', () => {
    const logicalIdOf = (projectName: string) => {
      const p = portfolio({ projects: [{ ...CHATBOT, projectName, id: 'CustomerChatbot-Prod' }] });
      return Object.keys(Template.fromStack(Stack.of(p)).findResources('Custom::BedrockProject'));
    };
    expect(logicalIdOf('CustomerChatbot-Production')).toEqual(logicalIdOf('CustomerChatbot-Prod'));
  });

  test('an environment name that cannot be an SSM level is rejected unless a prefix is given', () => {
    expect(() => portfolio({ environmentName: 'prod eu' })).toThrow(
      "Prod/Projects: environmentName 'prod eu' names the default SSM prefix '/bedrock-projects/<environmentName>' and may contain only letters, digits, '_', '.' and '-'; rename the environment or set ssmParameterPrefix",
    );
    expect(() => portfolio({ environmentName: 'prod eu', ssmParameterPrefix: '/bedrock-projects/prod-eu' })).not.toThrow();
  });

  test('cost allocation activation is off by default and activates the taxonomy keys when on', () => {
    const off = portfolio();
    expect(off.costAllocationTags).toBeUndefined();
    Template.fromStack(Stack.of(off)).resourceCountIs('Custom::CostAllocationTags', 0);

    const on = portfolio({ activateCostAllocationTags: true });
    expect(on.costAllocationTags!.tagKeys).toEqual(['Application', 'CostCenter', 'Environment', 'Owner', 'Team']);
    Template.fromStack(Stack.of(on)).hasResourceProperties('Custom::CostAllocationTags', {
      TagKeys: ['Application', 'CostCenter', 'Environment', 'Owner', 'Team'],
    });
  });

  test('an empty portfolio declares nothing', () => {
    const p = portfolio({ projects: [] });
    expect(p.projects).toEqual([]);
    Template.fromStack(Stack.of(p)).resourceCountIs('Custom::BedrockProject', 0);
  });
});
