import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { BedrockProject } from '../../src';

/**
 * Two stacks of one app that declare a project with the same name in the same account and
 * region deploy two projects of that name. Each is warned about, naming both paths.
 */

const ENV = { account: '111111111111', region: 'us-east-1' };

function project(stack: Stack, id: string, projectName: string): BedrockProject {
  return new BedrockProject(stack, id, { projectName, tags: { Application: 'CustomerChatbot' } });
}

describe('the same project name in two stacks of one app', () => {
  test('in the same account and region warns on both projects, naming both paths', () => {
    const app = new App();
    const first = new Stack(app, 'First', { env: ENV });
    const second = new Stack(app, 'Second', { env: ENV });
    project(first, 'Chatbot', 'CustomerChatbot-Prod');
    project(second, 'Copy', 'CustomerChatbot-Prod');
    for (const [stack, path] of [[first, '/First/Chatbot'], [second, '/Second/Copy']] as const) {
      const warnings = Annotations.fromStack(stack).findWarning(path, Match.stringLikeRegexp('same name'));
      expect(warnings).toHaveLength(1);
      const message = String(warnings[0].entry.data);
      expect(message).toContain('First/Chatbot');
      expect(message).toContain('Second/Copy');
      expect(message).toContain('111111111111');
      expect(message).toContain('[ack: cdk-bedrock-projects:duplicateProjectNameInApp]');
    }
  });

  test('in different regions or accounts stays quiet', () => {
    const app = new App();
    const first = new Stack(app, 'First', { env: ENV });
    project(first, 'Chatbot', 'CustomerChatbot-Prod');
    project(new Stack(app, 'West', { env: { ...ENV, region: 'us-west-2' } }), 'Chatbot', 'CustomerChatbot-Prod');
    project(new Stack(app, 'Other', { env: { ...ENV, account: '222222222222' } }), 'Chatbot', 'CustomerChatbot-Prod');
    expect(Annotations.fromStack(first).findWarning('*', Match.stringLikeRegexp('same name'))).toEqual([]);
  });
});
