import { App, CfnOutput, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BedrockProject } from '../../src';
import { synthErrors } from '../support/synth-errors';

function newStack(stackName = 'Prod'): Stack {
  return new Stack(new App(), stackName, { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The export names of the stack's outputs, sorted. */
function exportNames(stack: Stack): string[] {
  const outputs = Template.fromStack(stack).toJSON().Outputs ?? {};
  return Object.values(outputs).map((o: any) => o.Export?.Name).sort();
}

describe('stack outputs', () => {
  test('every project exports its ID by default, under its construct id', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod' });
    const template = Template.fromStack(stack);
    expect(template.toJSON().Outputs).toEqual({
      ChatbotProjectIdOutputA544D627: {
        Description: "ID of Bedrock project 'CustomerChatbot-Prod', for the OpenAI-Project header (OPENAI_PROJECT_ID)",
        Value: { 'Fn::GetAtt': ['Chatbot934F0721', 'ProjectId'] },
        Export: { Name: 'Prod:Chatbot:ProjectId' },
      },
    });
    expect(project.projectIdExportName).toBe('Prod:Chatbot:ProjectId');
    expect(project.projectArnExportName).toBeUndefined();
  });

  test('arnOutput adds the ARN output', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'Chatbot', { projectName: 'CustomerChatbot-Prod', arnOutput: true });
    expect(Object.values(Template.fromStack(stack).toJSON().Outputs)).toContainEqual({
      Description: "ARN of Bedrock project 'CustomerChatbot-Prod', for IAM policies",
      Value: { 'Fn::GetAtt': [expect.stringMatching(/^Chatbot/), 'ProjectArn'] },
      Export: { Name: 'Prod:Chatbot:ProjectArn' },
    });
    expect(project.projectArnExportName).toBe('Prod:Chatbot:ProjectArn');
  });

  test('outputs: false emits none', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p', outputs: false });
    expect(Template.fromStack(stack).toJSON().Outputs).toBeUndefined();
    expect(project.projectIdExportName).toBeUndefined();
  });

  test('names that export names do not allow are sanitized and hashed, so they cannot collide', () => {
    const stack = newStack();
    new BedrockProject(stack, 'A', { projectName: 'a', publishedName: 'My Project', arnOutput: true });
    new BedrockProject(stack, 'B', { projectName: 'b', publishedName: 'My-Project', arnOutput: true });
    new BedrockProject(stack, 'My_Project', { projectName: 'c', arnOutput: true });
    new BedrockProject(stack, 'D', { projectName: 'd', publishedName: 'Équipe/Chat: v2', arnOutput: true });
    const names = exportNames(stack);
    expect(names).toEqual([
      'Prod:My-Project-298c756a:ProjectArn',
      'Prod:My-Project-298c756a:ProjectId',
      'Prod:My-Project-51e38ecc:ProjectArn',
      'Prod:My-Project-51e38ecc:ProjectId',
      'Prod:My-Project:ProjectArn',
      'Prod:My-Project:ProjectId',
      'Prod:quipe-Chat:-v2-8cac046b:ProjectArn',
      'Prod:quipe-Chat:-v2-8cac046b:ProjectId',
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9:-]{1,255}$/);
    }
  });

  test('export names are deterministic across apps', () => {
    const first = newStack();
    const second = newStack();
    new BedrockProject(first, 'P', { projectName: 'Chat bot' });
    new BedrockProject(second, 'P', { projectName: 'Chat bot' });
    expect(exportNames(first)).toEqual(exportNames(second));
  });

  test('the longest stack and project names stay within 255 characters', () => {
    const stack = newStack('S'.repeat(128));
    const project = new BedrockProject(stack, 'n'.repeat(300), { projectName: 'p', arnOutput: true });
    for (const name of exportNames(stack)) {
      expect(name.length).toBeLessThanOrEqual(255);
      expect(name).toMatch(/^[A-Za-z0-9:-]+$/);
    }
    // Shortened, so it carries the hash that keeps it apart from other shortened names.
    expect(project.projectArnExportName).toMatch(new RegExp('^S{128}:n+-[0-9a-f]{8}:ProjectArn$'));
    expect(project.projectArnExportName!.length).toBe(255);
  });

  test('a project name known only at deploy time exports under its construct id', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: Token.asString({ Ref: 'NameParameter' }) });
    expect(project.projectIdExportName).toBe('Prod:P:ProjectId');
    Template.fromStack(stack).hasOutput('*', { Description: 'ID of Bedrock project, for the OpenAI-Project header (OPENAI_PROJECT_ID)' });
  });

  test('an output that repeats a project export name fails synth', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p' });
    new CfnOutput(stack, 'Manual', { value: 'x', exportName: 'Prod:P:ProjectId' });
    expect(synthErrors(stack)).toContain("[Prod] Stack 'Prod': outputs Prod/P/ProjectIdOutput, Prod/Manual share the export name 'Prod:P:ProjectId', which CloudFormation rejects");
  });

  test('two projects published under one name fail synth, naming both', () => {
    const stack = newStack();
    new BedrockProject(stack, 'A', { projectName: 'a', publishedName: 'shared' });
    new BedrockProject(stack, 'B', { projectName: 'b', publishedName: 'shared' });
    expect(synthErrors(stack)).toContain("[Prod/A] Bedrock project 'a': another project in this stack publishes its exports and SSM parameters under the same name 'shared' (Prod/B); give each project a unique construct id or publishedName");
  });

  test('a published name known only at deploy time is refused', () => {
    expect(() => new BedrockProject(newStack(), 'P', { projectName: 'p', publishedName: Token.asString({ Ref: 'N' }) }))
      .toThrow('Prod/P: publishedName names exports and SSM parameters and must be known at synth time; pass a literal string');
  });
});

describe('SSM parameters', () => {
  test('ssmParameterPrefix writes id and arn String parameters', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'CustomerChatbot-Prod', { projectName: 'Customer Chatbot', ssmParameterPrefix: '/bedrock-projects/prod' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SSM::Parameter', 2);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/bedrock-projects/prod/CustomerChatbot-Prod/id',
      Type: 'String',
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CustomerChatbotProd'), 'ProjectId'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/bedrock-projects/prod/CustomerChatbot-Prod/arn',
      Type: 'String',
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CustomerChatbotProd'), 'ProjectArn'] },
    });
    expect(project.ssmParameterPath).toBe('/bedrock-projects/prod/CustomerChatbot-Prod');
  });

  test('no parameters without a prefix', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p' });
    Template.fromStack(stack).resourceCountIs('AWS::SSM::Parameter', 0);
    expect(project.ssmParameterPath).toBeUndefined();
  });

  test('published names are made valid parameter levels, with a hash when changed', () => {
    const stack = newStack();
    const spaced = new BedrockProject(stack, 'My Project', { projectName: 'a', ssmParameterPrefix: '/p' });
    const dashed = new BedrockProject(stack, 'My-Project', { projectName: 'b', ssmParameterPrefix: '/p' });
    const colon = new BedrockProject(stack, 'C', { projectName: 'c', publishedName: 'team:chat', ssmParameterPrefix: '/p' });
    expect(spaced.ssmParameterPath).toBe('/p/My-Project-51e38ecc');
    expect(dashed.ssmParameterPath).toBe('/p/My-Project');
    expect(colon.ssmParameterPath).toBe('/p/team-chat-48997fd1');
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_.\-/]+$/);
    }
  });

  test.each([
    ['bedrock-projects/prod', "ssmParameterPrefix 'bedrock-projects/prod' is not a valid SSM parameter path; use a path such as '/bedrock-projects/prod'"],
    ['/bedrock-projects/prod/', "ssmParameterPrefix '/bedrock-projects/prod/' is not a valid SSM parameter path"],
    ['/bedrock projects', "ssmParameterPrefix '/bedrock projects' is not a valid SSM parameter path"],
    ['/aws/projects', "ssmParameterPrefix '/aws/projects' begins with 'aws', but SSM reserves names beginning with 'aws' or 'ssm'; choose another first level, for example '/bedrock-projects'"],
    ['/SSMstuff', "ssmParameterPrefix '/SSMstuff' begins with 'SSM', but SSM reserves names beginning with 'aws' or 'ssm'"],
    ['/a'.repeat(14), `ssmParameterPrefix '${'/a'.repeat(14)}' has 14 levels, but SSM allows 15 per name and the project name and 'id'/'arn' add two; use at most 13`],
    [`/${'x'.repeat(500)}`, 'ssmParameterPrefix has 501 characters; use at most 500'],
  ])('prefix %s is rejected with the fix', (prefix, message) => {
    expect(() => new BedrockProject(newStack(), 'P', { projectName: 'p', ssmParameterPrefix: prefix })).toThrow(`Prod/P: ${message}`);
  });

  test('13 levels and 500 characters are accepted', () => {
    expect(() => new BedrockProject(newStack(), 'P', { projectName: 'p', ssmParameterPrefix: '/a'.repeat(13) })).not.toThrow();
    expect(() => new BedrockProject(newStack(), 'P', { projectName: 'p', ssmParameterPrefix: `/${'x'.repeat(499)}` })).not.toThrow();
  });

  test('a project name known only at deploy time still writes parameters, under its construct id', () => {
    const project = new BedrockProject(newStack(), 'P', { projectName: Token.asString({ Ref: 'N' }), ssmParameterPrefix: '/p' });
    expect(project.ssmParameterPath).toBe('/p/P');
  });
});
