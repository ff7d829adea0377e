import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../examples/app';

describe('example app', () => {
  const app = buildApp(new App());
  const projectsOf = (stackName: string) => {
    const stack = app.node.findChild(stackName) as any;
    const resources = Template.fromStack(stack).findResources('Custom::BedrockProject');
    return Object.values(resources).map((r: any) => [r.Properties.ProjectName, r.Properties.Tags.Environment]).sort();
  };

  test('puts each seed project in the stack of its environment', () => {
    expect(projectsOf('BedrockProjects-dev')).toEqual([['CustomerChatbot-Dev', 'Development']]);
    expect(projectsOf('BedrockProjects-staging')).toEqual([['CustomerChatbot-Staging', 'Staging']]);
    expect(projectsOf('BedrockProjects-prod')).toEqual([
      ['CustomerChatbot-Prod', 'Production'],
      ['DataAnalytics-Prod', 'Production'],
      ['Experiments-Research', 'Production'],
    ]);
  });

  test('synthesizes without AWS credentials', () => {
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['BedrockProjects-dev', 'BedrockProjects-prod', 'BedrockProjects-staging']);
  });
});
