import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Fn, RemovalPolicy, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { exampleApp, SEED_PROJECTS } from './example-app';
import { BedrockProject, CostAllocationTags, DataRetention, TagTaxonomy } from '../../src';
import { TagPolicy } from '../../src/tag-policy';

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

function newStack(app: App, id: string): Stack {
  return new Stack(app, id, { env: { account: '111122223333', region: 'us-east-1' } });
}

/** The indexes of the lines that differ between two texts with the same number of lines. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [`- ${line.trim()}  + ${b[i].trim()}`]));
}

describe('the view', () => {
  test('lists taxonomies, projects sorted by stack then path, and cost allocation keys', () => {
    const app = new App();
    const prod = newStack(app, 'Prod');
    const dev = newStack(app, 'Dev');
    const taxonomy = TagTaxonomy.example();
    new BedrockProject(prod, 'Chatbot', { projectName: 'CustomerChatbot-Prod', taxonomy, tags: TAGS, dataRetention: DataRetention.NONE });
    new BedrockProject(dev, 'Chatbot', {
      projectName: 'CustomerChatbot-Dev',
      taxonomy,
      tags: { ...TAGS, Environment: 'Development' },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const view = TagPolicy.of(app).toJson();

    expect(view.projects).toEqual([
      {
        stack: 'Dev',
        path: 'Dev/Chatbot',
        projectName: 'CustomerChatbot-Dev',
        taxonomy: 'taxonomy-1',
        tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1001', Environment: 'Development', Team: 'CustomerExperience' },
        dataRetention: null,
        removalPolicy: 'destroy',
      },
      {
        stack: 'Prod',
        path: 'Prod/Chatbot',
        projectName: 'CustomerChatbot-Prod',
        taxonomy: 'taxonomy-1',
        tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1001', Environment: 'Production', Team: 'CustomerExperience' },
        dataRetention: 'none',
        removalPolicy: 'retain',
      },
    ]);
    expect(Object.keys(view.projects[0].tags)).toEqual(['Application', 'CostCenter', 'Environment', 'Team']);
    expect(view.taxonomies).toHaveLength(1);
    expect(view.taxonomies[0].id).toBe('taxonomy-1');
    expect(view.taxonomies[0].allowUndeclaredKeys).toBe(true);
    expect(view.taxonomies[0].keys.map((k: any) => k.key)).toEqual(['Application', 'CostCenter', 'Environment', 'Owner', 'Team']);
    expect(view.taxonomies[0].keys[1]).toEqual({
      key: 'CostCenter',
      required: true,
      costAllocation: true,
      pattern: '^CC-\\d{4}$',
      description: 'The finance cost center that pays, CC- and four digits',
    });
    expect(view.taxonomies[0].keys[2].allowedValues).toEqual(['Development', 'Production', 'Research', 'Staging']);
    expect(view.taxonomies[0].keys[3]).toEqual({
      key: 'Owner',
      required: false,
      costAllocation: true,
      description: 'The person or group to contact about the project',
    });
    expect(view.costAllocationKeys).toEqual({
      fromTaxonomies: ['Application', 'CostCenter', 'Environment', 'Owner', 'Team'],
      activations: [],
    });
  });

  test('toJson returns a fresh plain object and render is its pretty JSON', () => {
    const policy = TagPolicy.of(exampleApp());
    const json = policy.toJson();
    json.projects.pop();
    expect(policy.toJson().projects).toHaveLength(4);
    expect(policy.render()).toBe(`${JSON.stringify(policy.toJson(), undefined, 2)}\n`);
    expect(policy.toString()).toBe(policy.render());
  });

  test('includes tags from Tags.of() when called before synthesis, and agrees with the template', () => {
    const app = new App();
    const stack = newStack(app, 'Prod');
    new BedrockProject(stack, 'P', { projectName: 'p', tags: { Application: 'CustomerChatbot' } });
    Tags.of(app).add('CostCenter', 'CC-1001');
    Tags.of(stack).add('Team', 'DataScience');

    const view = TagPolicy.of(app).toJson();
    expect(view.projects[0].tags).toEqual({ Application: 'CustomerChatbot', CostCenter: 'CC-1001', Team: 'DataScience' });

    // Synthesizing afterwards reuses the assembly: no "construct tree was modified" error, and
    // the template carries the same tags.
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockProject', {
      Tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1001', Team: 'DataScience' },
    });
    expect(TagPolicy.of(app).toJson()).toEqual(view);
  });

  test('gives the same view before and after app.synth()', () => {
    const before = TagPolicy.of(exampleApp()).render();
    const app = exampleApp();
    app.synth();
    expect(TagPolicy.of(app).render()).toBe(before);
  });

  test('renders values known only at deploy time as placeholders that name their source', () => {
    const app = new App();
    const stack = newStack(app, 'Prod');
    const team = new CfnParameter(stack, 'TeamParameter', { type: 'String' });
    const suffix = new CfnParameter(stack, 'Suffix', { type: 'String' });
    const other = new BedrockProject(stack, 'Other', { projectName: 'other' });
    new BedrockProject(stack, 'P', {
      projectName: 'p',
      tags: {
        Team: team.valueAsString,
        CostCenter: `CC-${suffix.valueAsString}`,
        Peer: other.projectId,
        Region: Fn.ref('AWS::Region'),
        Imported: Fn.importValue('SharedOwner'),
      },
    });

    const view = TagPolicy.of(app).toJson();
    const tags = view.projects.find((p: any) => p.path === 'Prod/P').tags;
    expect(tags).toEqual({
      CostCenter: 'CC-<Ref:Suffix>',
      Imported: '<ImportValue:SharedOwner>',
      Peer: '<GetAtt:Other34654A52.ProjectId>',
      Region: '<Ref:AWS::Region>',
      Team: '<Ref:TeamParameter>',
    });
    expect(JSON.stringify(view)).not.toContain('${Token');
  });

  test('a taxonomy is identified by its content, numbered in sorted project order', () => {
    const build = (reverse: boolean) => {
      const app = new App();
      const strict = new TagTaxonomy({ keys: [{ key: 'CostCenter', pattern: '^CC-\\d{4}$' }], allowUndeclaredKeys: false });
      const ids = reverse ? ['B', 'A'] : ['A', 'B'];
      for (const id of ids) {
        const stack = newStack(app, id);
        // Stack A uses the example taxonomy, stack B the strict one; each built twice.
        new BedrockProject(stack, 'P1', { projectName: 'p1', taxonomy: id === 'A' ? TagTaxonomy.example() : strict, tags: id === 'A' ? TAGS : { CostCenter: 'CC-1234' } });
        new BedrockProject(stack, 'P2', { projectName: 'p2', taxonomy: id === 'A' ? TagTaxonomy.example() : strict, tags: id === 'A' ? TAGS : { CostCenter: 'CC-1234' } });
        new BedrockProject(stack, 'P3', { projectName: 'p3' });
      }
      return TagPolicy.of(app).toJson();
    };
    const view = build(true);
    expect(view.taxonomies.map((t: any) => [t.id, t.allowUndeclaredKeys, t.keys.length])).toEqual([
      ['taxonomy-1', true, 5],
      ['taxonomy-2', false, 1],
    ]);
    expect(view.projects.map((p: any) => `${p.path}:${p.taxonomy}`)).toEqual([
      'A/P1:taxonomy-1', 'A/P2:taxonomy-1', 'A/P3:null', 'B/P1:taxonomy-2', 'B/P2:taxonomy-2', 'B/P3:null',
    ]);
    expect(build(false)).toEqual(view);
  });

  test('reordering the keys or values of a taxonomy file is not a change', () => {
    const view = (keys: any[]) => {
      const app = new App();
      new BedrockProject(newStack(app, 'S'), 'P', { projectName: 'p', taxonomy: new TagTaxonomy({ keys }), tags: { Team: 'A', Env: 'x' } });
      return TagPolicy.of(app).render();
    };
    expect(view([{ key: 'Team', allowedValues: ['B', 'A'] }, { key: 'Env' }]))
      .toBe(view([{ key: 'Env' }, { key: 'Team', allowedValues: ['A', 'B'] }]));
  });

  test('lists the keys that CostAllocationTags constructs activate', () => {
    const app = new App();
    const billing = newStack(app, 'Billing');
    new CostAllocationTags(billing, 'Keys', { tagKeys: ['Team', 'CostCenter'], retryUntilActive: false });
    new CostAllocationTags(billing, 'FromTaxonomy', { taxonomy: TagTaxonomy.example(), retryUntilActive: false });
    new BedrockProject(newStack(app, 'Prod'), 'P', { projectName: 'p', taxonomy: TagTaxonomy.example(), tags: TAGS });

    expect(TagPolicy.of(app).toJson().costAllocationKeys).toEqual({
      fromTaxonomies: ['Application', 'CostCenter', 'Environment', 'Owner', 'Team'],
      activations: [
        { stack: 'Billing', path: 'Billing/FromTaxonomy', tagKeys: ['Application', 'CostCenter', 'Environment', 'Owner', 'Team'] },
        { stack: 'Billing', path: 'Billing/Keys', tagKeys: ['CostCenter', 'Team'] },
      ],
    });
  });

  test('the view of a stack or a stage covers only that scope; the app covers its stages', () => {
    const app = new App();
    const shared = newStack(app, 'Shared');
    new BedrockProject(shared, 'P', { projectName: 'shared' });
    const stage = new Stage(app, 'Prod', { env: { account: '111122223333', region: 'us-east-1' } });
    const inStage = new Stack(stage, 'Projects');
    Tags.of(stage).add('Environment', 'Production');
    new BedrockProject(inStage, 'P', { projectName: 'staged' });

    const paths = (scope: any) => TagPolicy.of(scope).toJson().projects.map((p: any) => `${p.stack} ${p.path} ${p.tags.Environment ?? '-'}`);
    expect(paths(app)).toEqual(['Prod-Projects Prod/Projects/P Production', 'Shared Shared/P -']);
    expect(paths(stage)).toEqual(['Prod-Projects Prod/Projects/P Production']);
    expect(paths(shared)).toEqual(['Shared Shared/P -']);
  });
});

describe('stability', () => {
  test('the same app built and synthesized twice gives identical JSON', () => {
    const first = exampleApp();
    first.synth();
    const second = exampleApp();
    second.synth();
    expect(TagPolicy.of(second).render()).toBe(TagPolicy.of(first).render());
  });

  test('constructs declared in a different order give identical JSON', () => {
    const forward = TagPolicy.of(exampleApp()).render();
    const reverse = TagPolicy.of(exampleApp({ reverse: true })).render();
    expect(reverse).toBe(forward);
  });

  test('templates that differ in asset hashes give identical JSON', () => {
    const withAsset = (code: string) => exampleApp({
      extend: (stack) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tag-policy-asset-'));
        fs.writeFileSync(path.join(dir, 'index.js'), code);
        new lambda.Function(stack, 'Unrelated', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(dir) });
      },
    });
    const a = withAsset('exports.handler = async () => 1;');
    const b = withAsset('exports.handler = async () => 2;');
    const template = (app: App) => JSON.stringify(Template.fromStack(app.node.findChild('BedrockProjects-prod') as Stack).toJSON());
    // The premise: the templates really differ.
    expect(template(a)).not.toBe(template(b));
    expect(TagPolicy.of(b).render()).toBe(TagPolicy.of(a).render());
  });

  test('contains no asset hash, token or absolute path', () => {
    const text = TagPolicy.of(exampleApp()).render();
    expect(text).not.toMatch(/[0-9a-f]{64}/i);
    expect(text).not.toContain('${Token');
    expect(text).not.toContain(os.tmpdir());
    expect(text).not.toContain(process.cwd());
  });

  test('changing one tag changes exactly one line', () => {
    const before = TagPolicy.of(exampleApp()).render();
    const changed = SEED_PROJECTS.map((p) => (p.projectName === 'DataAnalytics-Prod' ? { ...p, tags: { ...p.tags, CostCenter: 'CC-2002' } } : p));
    const after = TagPolicy.of(exampleApp({ projects: changed })).render();
    expect(changedLines(before, after)).toEqual(['- "CostCenter": "CC-3003",  + "CostCenter": "CC-2002",']);
  });

  test('changing a tag added with Tags.of() changes one line per project it reaches', () => {
    const before = TagPolicy.of(exampleApp()).render();
    const app = exampleApp();
    Tags.of(app.node.findChild('BedrockProjects-dev')).add('Owner', 'alice@example.com');
    const after = TagPolicy.of(app).render();
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(added.map((l) => l.trim())).toEqual(['"Owner": "alice@example.com",']);
    expect(after.split('\n').length - before.split('\n').length).toBe(1);
  });
});
