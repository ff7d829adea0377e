// Runs every TypeScript example of README.md and synthesizes what it builds, so that an example
// users copy cannot break at `cdk synth` while still compiling (jsii-rosetta only compiles them).
//
// Examples that call jest (`test(` / `expect(`) are left to test/tag-policy/readme-example.test.ts.
// Each example is transpiled to CommonJS and run with a `require` that maps 'cdk-bedrock-projects'
// to the sources and records every `App` it creates; the names that rosetta/default.ts-fixture
// declares are provided the same way. Every recorded App is then synthesized into a temporary
// directory, with the working directory set to a temporary folder holding the asset folders the
// examples reference.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import * as lib from '../../src';

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
const FIXTURE = path.join(ROOT, 'rosetta', 'default.ts-fixture');

/**
 * The date the examples run at. They carry fixed dates that are only valid for a while
 * (`backfillFrom` must lie in the last 12 months), so they run at the date they were last reviewed
 * instead of failing as the calendar moves on. Move it forward together with those dates.
 */
const EXAMPLES_DATE = new Date('2026-11-26T12:00:00Z');

/** Folders the examples pass to `lambda.Code.fromAsset(...)`, relative to the working directory. */
const ASSET_FOLDERS = ['chatbot-function', 'support-bot'];

interface Snippet {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above it. */
  readonly heading: string;
  readonly code: string;
}

function readmeSnippets(): Snippet[] {
  const lines = fs.readFileSync(README, 'utf-8').split('\n');
  const snippets: Snippet[] = [];
  let heading = '';
  let fence: { line: number; lang: string; body: string[] } | undefined;
  lines.forEach((text, i) => {
    if (fence) {
      if (/^```\s*$/.test(text)) {
        if (fence.lang === 'ts') {
          snippets.push({ line: fence.line, heading, code: fence.body.join('\n') });
        }
        fence = undefined;
      } else {
        fence.body.push(text);
      }
    } else if (text.startsWith('```')) {
      fence = { line: i + 1, lang: text.slice(3).trim(), body: [] };
    } else if (/^#+ /.test(text)) {
      heading = text.replace(/^#+ /, '').trim();
    }
  });
  if (fence) {
    throw new Error(`README.md:${fence.line}: code block is never closed`);
  }
  return snippets;
}

/** Calls jest itself, so it is run by test/tag-policy/readme-example.test.ts instead. */
function callsJest(code: string): boolean {
  return /\b(test|expect)\(/.test(code);
}

/** Every App created while a snippet runs. */
let recordedApps: cdk.App[] = [];
let outdirRoot = '';

class RecordingApp extends cdk.App {
  constructor(props: cdk.AppProps = {}) {
    super({
      ...props,
      outdir: props.outdir ?? fs.mkdtempSync(path.join(outdirRoot, 'cdk.out-')),
      // With CDK_OUTDIR set an App would synthesize again when the process exits; the test does it.
      autoSynth: props.autoSynth ?? false,
    });
    recordedApps.push(this);
  }
}

/** aws-cdk-lib, except that `App` records its instances. A Proxy keeps the lazy submodules lazy. */
const recordingCdk = new Proxy(cdk, {
  get: (target, prop, receiver) => (prop === 'App' ? RecordingApp : Reflect.get(target, prop, receiver)),
});

function snippetRequire(id: string): unknown {
  switch (id) {
    case 'cdk-bedrock-projects': return lib;
    case 'aws-cdk-lib': return recordingCdk;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    default: return require(id);
  }
}

/**
 * The globals rosetta/default.ts-fixture declares (`var Name: typeof fixture_x.Member;`), with the
 * same values, so that examples continuing an earlier one run as they compile.
 */
function fixtureGlobals(): Map<string, unknown> {
  const text = fs.readFileSync(FIXTURE, 'utf-8');
  const modules = new Map<string, string>();
  for (const m of text.matchAll(/^import \* as (\w+) from '([^']+)';$/gm)) {
    modules.set(m[1], m[2]);
  }
  /** The values of the fixture's globals that are not `typeof` an import. */
  const instances: Record<string, () => unknown> = {
    // "The taxonomy of the example before": the Quick start's, which is TagTaxonomy.example().
    taxonomy: () => lib.TagTaxonomy.example(),
  };
  const globals = new Map<string, unknown>();
  for (const m of text.matchAll(/^\s*var (\w+): (typeof )?(\w+)(?:\.(\w+))?;$/gm)) {
    const [, name, isTypeof, alias, member] = m;
    if (!isTypeof) {
      if (!instances[name]) {
        throw new Error(`rosetta/default.ts-fixture declares '${name}', which this test does not provide`);
      }
      globals.set(name, instances[name]());
      continue;
    }
    const moduleId = modules.get(alias);
    if (!moduleId) {
      throw new Error(`rosetta/default.ts-fixture: '${name}' refers to unknown import '${alias}'`);
    }
    const mod = snippetRequire(moduleId) as Record<string, unknown>;
    if (member && !(member in mod)) {
      throw new Error(`rosetta/default.ts-fixture: '${moduleId}' has no export '${member}'`);
    }
    globals.set(name, member ? mod[member] : mod);
  }
  return globals;
}

/** Names of the classes the snippet declares at top level. */
function topLevelClasses(code: string): string[] {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return source.statements
    .filter(ts.isClassDeclaration)
    .flatMap((c) => (c.name ? [c.name.text] : []));
}

interface SnippetResult {
  readonly app?: unknown;
  readonly classes: Record<string, unknown>;
}

/** Transpiles and runs a snippet as the body of the fixture's Stack constructor. */
function runSnippet(snippet: Snippet, fixtureStack: cdk.Stack): SnippetResult {
  const classes = topLevelClasses(snippet.code);
  const { outputText, diagnostics } = ts.transpileModule(snippet.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: `README.md:${snippet.line}.ts`,
    reportDiagnostics: true,
  });
  if (diagnostics && diagnostics.length > 0) {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n'));
  }
  const globals = fixtureGlobals();
  // The snippet runs in a block so that its own declarations shadow the fixture's names, as in rosetta.
  const body = [
    '"use strict";',
    '{',
    outputText,
    `return { app: typeof app !== 'undefined' ? app : undefined, classes: { ${classes.join(', ')} } };`,
    '}',
  ].join('\n');
  const moduleObject = { exports: {} };
  const run = new Function('require', 'module', 'exports', ...globals.keys(), body);
  return run.call(fixtureStack, snippetRequire, moduleObject, moduleObject.exports, ...globals.values());
}

/** Adds the Stack and Construct classes a snippet declares, as an app of the reader's would. */
function instantiateClasses(classes: Record<string, unknown>, fixtureApp: cdk.App, fixtureStack: cdk.Stack): void {
  for (const [name, cls] of Object.entries(classes)) {
    if (typeof cls !== 'function') continue;
    const ctor = cls as new (scope: Construct, id: string) => Construct;
    if (ctor.prototype instanceof cdk.Stack) {
      new ctor(fixtureApp, name);
    } else if (ctor.prototype instanceof Construct) {
      new ctor(fixtureStack, name);
    }
  }
}

const snippets = readmeSnippets();
const runnable = snippets.filter((s) => !callsJest(s.code));

test('the README has TypeScript examples to run', () => {
  expect(runnable.length).toBeGreaterThanOrEqual(5);
  // The ones left out are those the tag-policy example test runs.
  expect(snippets.length - runnable.length).toBeGreaterThanOrEqual(1);
});

describe.each(runnable.map((s) => [`README.md:${s.line} (${s.heading})`, s] as const))('%s', (_name, snippet) => {
  let cwd = '';
  let workdir = '';
  let savedOutdir: string | undefined;

  beforeEach(() => {
    cwd = process.cwd();
    savedOutdir = process.env.CDK_OUTDIR;
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippet-'));
    outdirRoot = path.join(workdir, 'out');
    fs.mkdirSync(outdirRoot);
    for (const folder of ASSET_FOLDERS) {
      fs.mkdirSync(path.join(workdir, folder));
      fs.writeFileSync(path.join(workdir, folder, 'index.js'), 'exports.handler = async () => ({});\n');
    }
    process.env.CDK_OUTDIR = outdirRoot;
    process.chdir(workdir);
    jest.useFakeTimers({
      now: EXAMPLES_DATE,
      // Only the clock: timers and ticks stay real.
      doNotFake: [
        'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
        'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval',
        'clearInterval', 'setTimeout', 'clearTimeout',
      ],
    });
    recordedApps = [];
  });

  afterEach(() => {
    jest.useRealTimers();
    process.chdir(cwd);
    if (savedOutdir === undefined) {
      delete process.env.CDK_OUTDIR;
    } else {
      process.env.CDK_OUTDIR = savedOutdir;
    }
    recordedApps = [];
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  test('runs and synthesizes', () => {
    let stacks = 0;
    try {
      const fixtureApp = new RecordingApp();
      const fixtureStack = new cdk.Stack(fixtureApp, 'Fixture');
      const result = runSnippet(snippet, fixtureStack);
      instantiateClasses(result.classes, fixtureApp, fixtureStack);
      if (result.app instanceof cdk.App && !recordedApps.includes(result.app)) {
        recordedApps.push(result.app);
      }
      // The fixture's own stack only counts if the example put something into it.
      const fixtureUsed = fixtureStack.node.children.length > 0;
      for (const app of recordedApps) {
        const assembly = app.synth();
        stacks += assembly.stacks.filter((s) => fixtureUsed || s.stackName !== fixtureStack.stackName).length;
      }
    } catch (err) {
      const e = err as Error;
      throw new Error(`README.md:${snippet.line} (${snippet.heading}): ${e.message}\n${e.stack ?? ''}`);
    }
    if (stacks === 0) {
      throw new Error(`README.md:${snippet.line} (${snippet.heading}): the example builds no stack to synthesize`);
    }
  });
});
