import { App, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BedrockProject, DataRetention, TagTaxonomy } from '../../src';
import { synthErrors } from '../support/synth-errors';

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

function newStack(): Stack {
  return new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
}

describe('BedrockProject resource', () => {
  test('renders one Custom::BedrockProject with name, tags, retention and removal policy', () => {
    const stack = newStack();
    new BedrockProject(stack, 'Chatbot', {
      projectName: 'CustomerChatbot-Prod',
      taxonomy: TagTaxonomy.example(),
      tags: TAGS,
      dataRetention: DataRetention.NONE,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::BedrockProject', 1);
    template.hasResource('Custom::BedrockProject', {
      Properties: {
        ProjectName: 'CustomerChatbot-Prod',
        Tags: TAGS,
        DataRetention: 'none',
        RemovalPolicy: 'retain',
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('DESTROY is passed to the handler and to CloudFormation', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p', removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('Custom::BedrockProject', {
      Properties: { RemovalPolicy: 'destroy', DataRetention: Match.absent() },
      DeletionPolicy: 'Delete',
    });
  });

  test('RETAIN_ON_UPDATE_OR_DELETE becomes RetainExceptOnCreate, and the handler archives on the Delete of a rolled-back creation', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p', removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    expect(project.removalPolicy).toBe(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    Template.fromStack(stack).hasResource('Custom::BedrockProject', {
      Properties: { RemovalPolicy: 'retain-except-on-create' },
      DeletionPolicy: 'RetainExceptOnCreate',
    });
  });

  test('SNAPSHOT is rejected with the fix', () => {
    expect(() => new BedrockProject(newStack(), 'P', { projectName: 'p', removalPolicy: RemovalPolicy.SNAPSHOT }))
      .toThrow('Prod/P: removalPolicy snapshot is not supported by Bedrock projects, which have no snapshots; use RemovalPolicy.RETAIN (keep the project), '
        + 'RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (keep it unless its creation rolls back) or RemovalPolicy.DESTROY (archive it)');
  });

  test('attributes come from the custom resource', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p' });
    expect(stack.resolve(project.projectId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^P/), 'ProjectId'] });
    expect(stack.resolve(project.projectArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^P/), 'ProjectArn'] });
    expect(project.projectName).toBe('p');
  });

  test('DataRetention names the API modes', () => {
    expect([DataRetention.INHERIT, DataRetention.DEFAULT, DataRetention.NONE, DataRetention.PROVIDER_DATA_SHARE, DataRetention.custom('aws_review')]
      .map((d) => d.mode)).toEqual(['inherit', 'default', 'none', 'provider_data_share', 'aws_review']);
  });
});

describe('one provider per stack', () => {
  test('ten projects share one handler and one framework function', () => {
    const stack = newStack();
    for (let i = 0; i < 10; i++) {
      new BedrockProject(stack, `P${i}`, { projectName: `project-${i}` });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::BedrockProject', 10);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('AWS::IAM::Role', 2);
  });

  test('every function runs on a pinned Node.js 24 runtime and the template has no runtime mapping', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    new BedrockProject(stack, 'P', { projectName: 'p' });
    const template = Template.fromStack(stack);
    const functions = template.findResources('AWS::Lambda::Function');
    expect(Object.values(functions).map((f) => f.Properties.Runtime)).toEqual(['nodejs24.x', 'nodejs24.x']);
    expect(template.toJSON().Mappings).toBeUndefined();
  });

  test('the handler may manage projects of its own account and region only', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p' });
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const projectStatement = statements.find((s) => JSON.stringify(s.Action).includes('bedrock-mantle'));
    expect(projectStatement).toEqual({
      Effect: 'Allow',
      Action: [
        'bedrock-mantle:CreateProject',
        'bedrock-mantle:GetProject',
        'bedrock-mantle:ListProjects',
        'bedrock-mantle:UpdateProject',
        'bedrock-mantle:ArchiveProject',
        'bedrock-mantle:TagResource',
        'bedrock-mantle:UntagResource',
        'bedrock-mantle:ListTagsForResource',
      ],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock-mantle:us-east-1:123456789012:project/*']] },
    });
    // Nothing this library adds is granted on '*'.
    for (const s of statements) {
      expect(s.Resource).not.toEqual('*');
    }
  });

  test('log groups have a retention and are removed with the stack', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p' });
    const template = Template.fromStack(stack);
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups).toHaveLength(2);
    for (const group of logGroups) {
      expect(group.Properties.RetentionInDays).toBe(30);
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });
});

describe('tags', () => {
  test('Tags.of(scope) reaches project tags and wins over props, as for native resources', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    new BedrockProject(stack, 'P', { projectName: 'p', taxonomy: TagTaxonomy.example(), tags: { ...TAGS, CostCenter: 'CC-9999' } });
    Tags.of(app).add('CostCenter', 'CC-1001');
    Tags.of(stack).add('Owner', 'platform@example.com');
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockProject', {
      Tags: { ...TAGS, CostCenter: 'CC-1001', Owner: 'platform@example.com' },
    });
  });

  test('required keys may come entirely from Tags.of(scope)', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const project = new BedrockProject(stack, 'P', { projectName: 'p', taxonomy: TagTaxonomy.example() });
    for (const [key, value] of Object.entries(TAGS)) {
      Tags.of(stack).add(key, value);
    }
    Template.fromStack(stack);
    expect(project.tags).toEqual(TAGS);
  });

  test('the final tag set, after aspects, is validated', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    new BedrockProject(stack, 'P', { projectName: 'p', taxonomy: TagTaxonomy.example(), tags: TAGS });
    Tags.of(app).add('Environment', 'Prod');
    expect(synthErrors(stack)).toContain("[S/P] Bedrock project 'p': tag 'Environment' has value 'Prod', which is not allowed; allowed values: Production, Development, Staging, Research");
  });

  test('unresolved tag values produce a warning, not an error', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', {
      projectName: 'p',
      taxonomy: TagTaxonomy.example(),
      tags: { ...TAGS, Team: Token.asString({ Ref: 'TeamParameter' }) },
    });
    Annotations.fromStack(stack).hasWarning('/Prod/P', Match.stringLikeRegexp("Bedrock project 'p': tag 'Team' has a value that is only known at deploy time"));
  });
});

describe('bad input fails synth with the construct path, the key, the value and the fix', () => {
  const cases: Array<[string, () => Stack, string]> = [
    ['value outside allowedValues', () => project({ ...TAGS, Team: 'Marketing' }),
      "[Prod/P] Bedrock project 'p': tag 'Team' has value 'Marketing', which is not allowed; allowed values: CustomerExperience, PlatformEngineering, DataScience"],
    ['pattern mismatch', () => project({ ...TAGS, CostCenter: '1001' }),
      "[Prod/P] Bedrock project 'p': tag 'CostCenter' has value '1001', which does not match the pattern ^CC-\\d{4}$"],
    ['missing required key', () => project({ Application: 'CustomerChatbot', Environment: 'Production', CostCenter: 'CC-1001' }),
      "[Prod/P] Bedrock project 'p': is missing the required tag 'Team' (allowed values: CustomerExperience, PlatformEngineering, DataScience); add it to the project's tags or with Tags.of(scope).add('Team', ...)"],
    ['129-character key', () => project({ ...TAGS, ['k'.repeat(129)]: 'v' }),
      `[Prod/P] Bedrock project 'p': tag key '${'k'.repeat(129)}' must be 1 to 128 characters long but has 129`],
    ['aws: prefix', () => project({ ...TAGS, 'aws:cloudformation:stack-name': 'x' }),
      "[Prod/P] Bedrock project 'p': tag key 'aws:cloudformation:stack-name' must not begin with 'aws:', which AWS reserves for its own tags"],
    ['key differing only by case', () => project({ ...TAGS, costCenter: 'CC-1001' }),
      "[Prod/P] Bedrock project 'p': tag key 'costCenter' differs from the taxonomy key 'CostCenter' only by case; cost allocation tags are case-sensitive, so it would split cost reports. Rename it to 'CostCenter'"],
    ['reserved ownership key', () => project({ ...TAGS, 'cdk-bedrock-projects:owner': 'x' }),
      "[Prod/P] Bedrock project 'p': tag key 'cdk-bedrock-projects:owner' is reserved: the provider uses it to recognise the projects it owns; remove it"],
    ['reserved creation token key', () => project({ ...TAGS, 'cdk-bedrock-projects:create-request': 'x' }),
      "[Prod/P] Bedrock project 'p': tag key 'cdk-bedrock-projects:create-request' is reserved: the provider uses it to recognise the projects it owns; remove it"],
    ['empty name', () => project(TAGS, ''),
      "[Prod/P] Bedrock project '': projectName must be 1 to 127 characters long but '' has 0"],
    ['blank name', () => project(TAGS, '   '),
      "[Prod/P] Bedrock project '   ': projectName must contain a character that is not a space; got '   '"],
    ['128-character name', () => project(TAGS, 'n'.repeat(128)),
      `[Prod/P] Bedrock project '${'n'.repeat(128)}': projectName must be 1 to 127 characters long but '${'n'.repeat(128)}' has 128`],
  ];

  function project(tags: { [key: string]: string }, projectName = 'p'): Stack {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName, taxonomy: TagTaxonomy.example(), tags });
    return stack;
  }

  test.each(cases)('%s', (_name, build, expected) => {
    expect(synthErrors(build())).toContain(expected);
  });

  test('a 127-character name is fine', () => {
    expect(() => Template.fromStack(project(TAGS, 'n'.repeat(127)))).not.toThrow();
  });

  test('two projects with the same name in one stack', () => {
    const stack = newStack();
    new BedrockProject(stack, 'A', { projectName: 'Same' });
    new BedrockProject(stack, 'B', { projectName: 'Same' });
    const errors = synthErrors(stack);
    expect(errors).toContain("[Prod/A] Bedrock project 'Same': another project in this stack has the same name (Prod/B); give each project a unique projectName");
    expect(errors).toContain("[Prod/B] Bedrock project 'Same': another project in this stack has the same name (Prod/A)");
  });

  test('the same name in two stacks is fine', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    new BedrockProject(a, 'P', { projectName: 'Same' });
    new BedrockProject(b, 'P', { projectName: 'Same' });
    expect(() => app.synth()).not.toThrow();
  });

  test('all problems of a project are reported in one synth', () => {
    const errors = synthErrors(project({ Application: 'Chat', Environment: 'Prod', CostCenter: 'x' }, ''));
    for (const fragment of ['projectName must be 1 to 127', "'Application' has value 'Chat'", "'Environment' has value 'Prod'", "'CostCenter' has value 'x'", "missing the required tag 'Team'"]) {
      expect(errors).toContain(fragment);
    }
  });

  test('without a taxonomy, AWS tag rules still apply', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p', tags: { 'aws:x': 'y' } });
    expect(synthErrors(stack)).toContain("tag key 'aws:x' must not begin with 'aws:'");
  });
});

describe('grantInference', () => {
  test('grants CreateInference on exactly the project ARN', () => {
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p' });
    const role = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    project.grantInference(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AppRole') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'bedrock-mantle:CreateInference',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^P'), 'ProjectArn'] },
        }],
      },
    });
  });
});

describe('tag limit', () => {
  const tagsOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, 'v']));

  test('199 tags fit beside the ownership tag', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p', tags: tagsOf(199) });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('200 tags leave no room for the ownership tag', () => {
    const stack = newStack();
    new BedrockProject(stack, 'P', { projectName: 'p', tags: tagsOf(200) });
    expect(synthErrors(stack)).toContain("[Prod/P] Bedrock project 'p': has 200 tags but a Bedrock project may carry at most 199 (the provider adds its ownership tag 'cdk-bedrock-projects:owner' to the 200 AWS allows); remove 1");
  });

  test('a tag set the taxonomy accepted under AWS\'s limit of 200 is still checked against the project\'s 199', () => {
    const taxonomy = new TagTaxonomy({ keys: [] });
    const stack = newStack();
    const project = new BedrockProject(stack, 'P', { projectName: 'p', taxonomy, tags: tagsOf(200) });
    expect(taxonomy.validate(project.tags)).toEqual([]);
    expect(synthErrors(stack)).toContain("[Prod/P] Bedrock project 'p': has 200 tags but a Bedrock project may carry at most 199 (the provider adds its ownership tag 'cdk-bedrock-projects:owner' to the 200 AWS allows); remove 1");
  });
});

describe('projects sharing a taxonomy and a tag set', () => {
  test('each project with a rejected tag set reports it', () => {
    const taxonomy = TagTaxonomy.example();
    const stack = newStack();
    const tags = { Application: 'CustomerChatbot', Environment: 'Prod', Team: 'CustomerExperience', CostCenter: 'CC-1001' };
    new BedrockProject(stack, 'A', { projectName: 'a', taxonomy, tags });
    new BedrockProject(stack, 'B', { projectName: 'b', taxonomy, tags });
    const errors = synthErrors(stack);
    expect(errors).toContain("[Prod/A] Bedrock project 'a': tag 'Environment' has value 'Prod'");
    expect(errors).toContain("[Prod/B] Bedrock project 'b': tag 'Environment' has value 'Prod'");
  });

  test('a project whose tags an aspect makes invalid after another project with the same tags passed is reported', () => {
    const taxonomy = TagTaxonomy.example();
    const stack = newStack();
    const tags = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };
    new BedrockProject(stack, 'A', { projectName: 'a', taxonomy, tags });
    const b = new BedrockProject(stack, 'B', { projectName: 'b', taxonomy, tags });
    Tags.of(b).add('Team', 'Nobody');
    const errors = synthErrors(stack);
    expect(errors).toContain("[Prod/B] Bedrock project 'b': tag 'Team' has value 'Nobody'");
    expect(errors).not.toContain('[Prod/A]');
  });
});

describe('region', () => {
  test('a stack in a region without the Projects API gets a warning that names the regions', () => {
    const stack = new Stack(new App(), 'Canada', { env: { region: 'ca-central-1' } });
    new BedrockProject(stack, 'P', { projectName: 'p' });
    Annotations.fromStack(stack).hasWarning('/Canada', Match.stringLikeRegexp("Stack region 'ca-central-1' is not one of the regions known to serve Bedrock projects \\(us-east-1, .*us-gov-west-1\\)"));
  });

  test('supported and region-agnostic stacks get no region warning', () => {
    for (const env of [{ region: 'eu-central-1' }, { region: 'ap-southeast-2' }, { region: 'us-gov-west-1' }, undefined]) {
      const stack = new Stack(new App(), 'S', { env });
      new BedrockProject(stack, 'P', { projectName: 'p' });
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('not one of the regions'))).toEqual([]);
    }
  });
});
