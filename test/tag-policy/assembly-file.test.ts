import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Tags } from 'aws-cdk-lib';
import { BedrockProject } from '../../src';
import { TagPolicy } from '../../src/tag-policy';
import { addTagPolicyToAssembly } from '../../src/tag-policy/tag-policy-artifact';
import * as view from '../../src/tag-policy/tag-policy-view';

function tmpOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tag-policy-assembly-'));
}

function newStack(scope: App | Stage, id: string): Stack {
  return new Stack(scope, id, { env: { account: '111122223333', region: 'us-east-1' } });
}

/** A project registered with the assembly writer explicitly, as BedrockProject does. */
function project(scope: Stack, id: string, tags: { [key: string]: string } = {}): BedrockProject {
  const p = new BedrockProject(scope, id, { projectName: id, tags });
  addTagPolicyToAssembly(p);
  return p;
}

function readPolicy(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, 'tag-policy.json'), 'utf-8'));
}

afterEach(() => jest.restoreAllMocks());

describe('the tag policy file in the cloud assembly', () => {
  test('is named tag-policy.json', () => {
    expect(TagPolicy.ASSEMBLY_FILE_NAME).toBe('tag-policy.json');
  });

  test('is written for an app with a BedrockProject without any call', () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    new BedrockProject(newStack(app, 'Prod'), 'P', { projectName: 'p' });
    app.synth();
    expect(fs.readdirSync(outdir)).toContain('tag-policy.json');
    expect(readPolicy(outdir).projects.map((p: any) => p.projectName)).toEqual(['p']);
  });

  test('holds the text of TagPolicy.of(app).render(), tags from aspects included', () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    project(newStack(app, 'Prod'), 'P', { Team: 'DataScience' });
    Tags.of(app).add('CostCenter', 'CC-1001');
    app.synth();
    const written = fs.readFileSync(path.join(outdir, 'tag-policy.json'), 'utf-8');
    expect(written).toBe(TagPolicy.of(app).render());
    expect(JSON.parse(written).projects[0].tags).toEqual({ CostCenter: 'CC-1001', Team: 'DataScience' });
  });

  test('is written next to the templates of each stage, each covering its own subtree', () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    project(newStack(app, 'Shared'), 'SharedProject');
    const prod = new Stage(app, 'Prod');
    project(newStack(prod, 'Projects'), 'ProdProject');
    app.synth();

    const names = (dir: string) => readPolicy(dir).projects.map((p: any) => p.projectName);
    const templates = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.template.json'));
    expect(templates(outdir)).toEqual(['Shared.template.json']);
    expect(names(outdir)).toEqual(['ProdProject', 'SharedProject']);
    expect(templates(path.join(outdir, 'assembly-Prod'))).toHaveLength(1);
    expect(names(path.join(outdir, 'assembly-Prod'))).toEqual(['ProdProject']);
  });

  test('is not written for an app without projects', () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    newStack(app, 'Empty');
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'tag-policy.json'))).toBe(false);
  });

  test('is built once per synthesis however many projects there are', () => {
    const app = new App({ outdir: tmpOutdir() });
    for (let s = 0; s < 3; s++) {
      const stack = newStack(app, `Stack${s}`);
      for (let p = 0; p < 10; p++) {
        project(stack, `P${p}`);
      }
    }
    const writers = app.node.children.filter((c) => c.node.id === 'BedrockProjectsTagPolicy');
    expect(writers).toHaveLength(1);

    const build = jest.spyOn(view, 'buildTagPolicyView');
    app.synth();
    expect(build).toHaveBeenCalledTimes(1);
    expect(build.mock.calls[0][0]).toBe(app);
  });
});
