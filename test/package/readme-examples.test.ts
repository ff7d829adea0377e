// Runs every TypeScript example of README.md the way a user does: pasted into a fresh CDK app that
// installed the packed library (not the sources), type-checked strictly (with the newest
// aws-cdk-lib; rosetta does it with the floor), and synthesized as
// `cdk synth` runs an app (CDK_OUTDIR and CDK_CONTEXT_JSON set, the assembly written when the
// process exits). It does so with the newest aws-cdk-lib and the feature flags a new `cdk init`
// app gets, and with the supported floor and no feature flags.
//
// Files the examples need (a Lambda function's folder) are taken from the README too: a code block
// whose line above names a file (`` `chatbot-function/index.mjs`: ``) is written to that path.
// Examples that are jest tests run under jest in the same app.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileInApp, FreshApp, FreshAppSpec, inParallel, installFreshApp, run, RunResult } from '../support/fresh-app';
import { packedPackage, ROOT } from '../support/packed-package';
import { readmeCodeBlocks, readmeExamples } from '../support/readme';

/**
 * The newest aws-cdk-lib, as a new `cdk init` app gets it: the `aws-cdk-lib-newest`
 * devDependency (move it forward in .projenrc.ts when a release changes what apps get).
 */
const NEWEST_AWS_CDK_LIB: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib-newest', 'package.json'), 'utf-8')).version;
/** The supported floor: the library's peer dependency. */
const FLOOR_AWS_CDK_LIB = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).peerDependencies['aws-cdk-lib'].replace(/^\^/, '');

/**
 * The date the examples run at: they carry fixed dates only valid for a while (`backfillFrom`
 * must lie in the last 12 months). Move it forward together with those dates.
 */
const EXAMPLES_DATE = '2026-11-26T12:00:00Z';

/**
 * The apps, and whether to type-check the examples in them. With the floor that is left to
 * `jsii-rosetta extract --strict`, which compiles the same examples against the floor aws-cdk-lib
 * and the library's own declarations (and costs this test a second compiler run otherwise).
 */
const SPECS: Array<[string, FreshAppSpec, boolean]> = [
  [`aws-cdk-lib ${NEWEST_AWS_CDK_LIB} with a new app's feature flags`, { awsCdkLib: NEWEST_AWS_CDK_LIB, constructs: '^10.5.1', newAppFeatureFlags: true }, true],
  [`aws-cdk-lib ${FLOOR_AWS_CDK_LIB} (the floor) without feature flags`, { awsCdkLib: FLOOR_AWS_CDK_LIB, constructs: '10.5.1', newAppFeatureFlags: false }, false],
];

const examples = readmeExamples();
const files = readmeCodeBlocks().filter((b) => b.file !== undefined);
const fileName = (i: number) => `readme-example-${i + 1}`;

test('the README has examples, each a complete program', () => {
  expect(examples.filter((e) => !e.isJestTest).length).toBeGreaterThanOrEqual(8);
  expect(examples.filter((e) => e.isJestTest).length).toBeGreaterThanOrEqual(1);
  for (const example of examples.filter((e) => !e.isJestTest)) {
    // Pasted into bin/app.ts, an example builds its own App; cdk synth synthesizes it on exit.
    expect([example.name, /new App\(/.test(example.code)]).toEqual([example.name, true]);
  }
});

test('the function folder the examples deploy is in the README, as the example app has it', () => {
  expect(files.map((f) => f.file).sort()).toEqual(['chatbot-function/index.mjs', 'chatbot-function/package.json']);
  for (const f of files) {
    expect([f.file, f.code + '\n']).toEqual([f.file, fs.readFileSync(path.join(ROOT, 'examples', f.file!), 'utf-8')]);
  }
});

/** Synthesizes one compiled example as the CDK CLI runs an app. */
async function synthesize(app: FreshApp, script: string, workdir: string): Promise<RunResult & { templates: number }> {
  const outdir = fs.mkdtempSync(path.join(workdir, 'cdk.out-'));
  const result = await run(process.execPath, ['-r', path.join(ROOT, 'test', 'support', 'fixed-clock.cjs'), script], {
    cwd: workdir,
    env: { CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(app.context), FIXED_CLOCK: EXAMPLES_DATE },
  });
  const templates = fs.existsSync(path.join(outdir, 'manifest.json'))
    ? fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length
    : 0;
  return { ...result, templates };
}

/** Runs the jest examples with jest, in the app, as a first run (snapshots are written). */
async function runJest(script: string, workdir: string): Promise<RunResult> {
  return run(process.execPath, [
    '-r', path.join(ROOT, 'test', 'support', 'fixed-clock.cjs'),
    path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--rootDir', path.dirname(script), '--runTestsByPath', script,
    '--ci=false', '--watchman=false', '--cache=false', '--coverage=false', '--config', '{"testEnvironment":"node"}',
  ], { cwd: workdir, env: { FIXED_CLOCK: EXAMPLES_DATE } });
}

/** The end of a process's output, without the minified source lines Node.js quotes on a crash. */
function readable(output: string): string {
  return output.split('\n').filter((line) => line.length <= 400).slice(-40).join('\n');
}

describe.each(SPECS)('in a fresh app with %s', (_label, spec, typeCheck) => {
  const outcomes = new Map<string, { compileErrors: string[]; result: RunResult & { templates?: number } }>();

  beforeAll(async () => {
    const app = installFreshApp(spec, packedPackage().tarball);
    const examplesDir = path.join(app.dir, 'examples');
    fs.rmSync(examplesDir, { recursive: true, force: true });
    fs.mkdirSync(examplesDir);
    const sources = examples.map((e, i) => {
      const file = path.join(examplesDir, `${fileName(i)}${e.isJestTest ? '.test' : ''}.ts`);
      fs.writeFileSync(file, e.code + '\n');
      return file;
    });
    const compileErrors = compileInApp(sources, typeCheck);

    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-examples-'));
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(workdir, f.file!)), { recursive: true });
      fs.writeFileSync(path.join(workdir, f.file!), f.code + '\n');
    }
    const results = await inParallel(examples.map((e, i) => () => {
      const script = sources[i].replace(/\.ts$/, '.js');
      return e.isJestTest ? runJest(script, workdir) : synthesize(app, script, workdir);
    }), 2);
    examples.forEach((e, i) => outcomes.set(e.name, { compileErrors: compileErrors.get(sources[i])!, result: results[i] }));
    fs.rmSync(workdir, { recursive: true, force: true });
  }, 10 * 60_000);

  test.each(examples.map((e) => [e.name, e] as const))('%s', (name, example) => {
    const { compileErrors, result } = outcomes.get(name)!;
    expect({ name, compileErrors }).toEqual({ name, compileErrors: [] });
    if (result.exitCode !== 0) {
      throw new Error(`${name} failed (exit code ${result.exitCode}):\n${readable(result.output)}`);
    }
    if (!example.isJestTest) {
      expect({ name, templates: result.templates! > 0 }).toEqual({ name, templates: true });
    }
  });
});
