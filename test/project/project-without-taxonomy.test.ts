import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { BedrockProject, ProjectPortfolio, TagTaxonomy } from '../../src';

/**
 * A project without a taxonomy has only AWS's tag rules checked. That is allowed, but never
 * silent: it warns, with an id the user can acknowledge. A portfolio has no such mode: its
 * taxonomy is required, and JavaScript callers, whom the compiler does not stop, get an error.
 */

describe('a project without a taxonomy', () => {
  test('warns, naming the project and how to add a taxonomy or acknowledge the warning', () => {
    const stack = new Stack(new App(), 'Projects');
    new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot' } });
    const warnings = Annotations.fromStack(stack).findWarning('/Projects/Chatbot', Match.stringLikeRegexp('no taxonomy'));
    expect(warnings).toHaveLength(1);
    const message = String(warnings[0].entry.data);
    expect(message).toContain("'CustomerChatbot-Dev'");
    expect(message).toContain('TagTaxonomy');
    expect(message).toContain('[ack: cdk-bedrock-projects:noTaxonomy]');
  });

  test('a project with a taxonomy does not warn about it', () => {
    const stack = new Stack(new App(), 'Projects');
    new BedrockProject(stack, 'Chatbot', {
      projectName: 'CustomerChatbot-Dev',
      taxonomy: TagTaxonomy.example(),
      tags: { Application: 'CustomerChatbot', Environment: 'Development', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('no taxonomy'))).toEqual([]);
  });
});

describe('a portfolio without a taxonomy', () => {
  test('is rejected when called from JavaScript, naming the portfolio and the fix', () => {
    const stack = new Stack(new App(), 'Projects');
    const props: any = { environmentName: 'dev', projects: [{ projectName: 'A', tags: {} }] };
    expect(() => new ProjectPortfolio(stack, 'Portfolio', props)).toThrow(/Projects\/Portfolio.*taxonomy is required.*TagTaxonomy/s);
  });
});
