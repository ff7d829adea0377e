// A fresh CDK app with the packed library installed, as a user gets one: `cdk init`, then
// `npm install cdk-bedrock-projects`. One app per aws-cdk-lib version is kept in the test cache
// and reused; its packages come from the repository's node_modules, never from the registry.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT, TEST_CACHE } from './packed-package';

export interface FreshAppSpec {
  /** The exact aws-cdk-lib version. */
  readonly awsCdkLib: string;
  /** The constructs version range. */
  readonly constructs: string;
  /**
   * Whether cdk.json carries the feature flags that `cdk init` writes for this aws-cdk-lib
   * version (its recommended-feature-flags.json); without them the app runs with the
   * version's legacy defaults, as an app created long ago does.
   */
  readonly newAppFeatureFlags: boolean;
}

export interface FreshApp {
  readonly dir: string;
  /** The context the CDK CLI would pass the app (cdk.json's). */
  readonly context: Record<string, unknown>;
}

function writeIfChanged(file: string, text: string): void {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf-8') !== text) {
    fs.writeFileSync(file, text);
  }
}

/**
 * The packages of the repository's own node_modules (installed by `npm ci`) that a fresh app
 * uses: aws-cdk-lib under the name it is installed as for each version, and constructs.
 */
const AWS_CDK_LIB_INSTALLS: Record<string, string> = {
  [JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf-8')).version]: 'aws-cdk-lib',
  [JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib-newest', 'package.json'), 'utf-8')).version]: 'aws-cdk-lib-newest',
};

/**
 * Links `name` in `nodeModules` to the repository's installed package `installedAs`: the same
 * files npm would have put there, without reaching the registry from a test.
 */
export function linkInstalledPackage(nodeModules: string, name: string, installedAs = name): void {
  const link = path.join(nodeModules, name);
  const target = path.join(ROOT, 'node_modules', installedAs);
  if (!fs.existsSync(target)) {
    throw new Error(`${installedAs} is not installed in ${path.join(ROOT, 'node_modules')}; run npm ci`);
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(target, link, 'dir');
}

/**
 * Creates (or updates) the app for `spec` with `tarball` installed: the library unpacked from the
 * tarball into node_modules as `npm install` would, aws-cdk-lib and constructs taken from what
 * `npm ci` installed for the repository (the newest aws-cdk-lib is a devDependency under the name
 * `aws-cdk-lib-newest`), so that no test reaches the registry.
 */
export function installFreshApp(spec: FreshAppSpec, tarball: string): FreshApp {
  const installedAs = AWS_CDK_LIB_INSTALLS[spec.awsCdkLib];
  if (!installedAs) {
    throw new Error(`aws-cdk-lib ${spec.awsCdkLib} is not installed; installed: ${Object.keys(AWS_CDK_LIB_INSTALLS).join(', ')}. Update the aws-cdk-lib-newest devDependency in .projenrc.ts`);
  }
  const dir = path.join(TEST_CACHE, 'apps', `aws-cdk-lib-${spec.awsCdkLib}${spec.newAppFeatureFlags ? '' : '-no-flags'}`);
  const nodeModules = path.join(dir, 'node_modules');
  fs.mkdirSync(nodeModules, { recursive: true });
  writeIfChanged(path.join(dir, 'package.json'), JSON.stringify({
    name: 'fresh-app',
    version: '0.1.0',
    private: true,
    dependencies: {
      'aws-cdk-lib': spec.awsCdkLib,
      'constructs': spec.constructs,
      'cdk-bedrock-projects': `file:${tarball}`,
    },
  }, undefined, 2) + '\n');
  linkInstalledPackage(nodeModules, 'aws-cdk-lib', installedAs);
  linkInstalledPackage(nodeModules, 'constructs');
  // The library has no dependencies of its own (its handlers are bundled), so unpacking the
  // tarball is all npm would do for it.
  const library = path.join(nodeModules, 'cdk-bedrock-projects');
  fs.rmSync(library, { recursive: true, force: true });
  fs.mkdirSync(library, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', library, '--strip-components=1'], { stdio: 'pipe' });
  const libraryDependencies = JSON.parse(fs.readFileSync(path.join(library, 'package.json'), 'utf-8')).dependencies ?? {};
  if (Object.keys(libraryDependencies).length > 0) {
    throw new Error(`the package now has dependencies (${Object.keys(libraryDependencies).join(', ')}); install them into the fresh app too`);
  }

  const context = spec.newAppFeatureFlags
    ? JSON.parse(fs.readFileSync(path.join(nodeModules, 'aws-cdk-lib', 'recommended-feature-flags.json'), 'utf-8'))
    : {};
  writeIfChanged(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/app.ts', context }, undefined, 2) + '\n');
  return { dir, context };
}

/** The compiler options of a `cdk init` TypeScript app (strict), emitting CommonJS. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  noImplicitReturns: true,
  experimentalDecorators: true,
  strictPropertyInitialization: false,
  skipLibCheck: true,
  // The app's own @types would be @types/node and @types/jest; the repository has both.
  typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  types: ['node', 'jest'],
};

/**
 * Type-checks the files (strictly, against the app's aws-cdk-lib and the installed library) and
 * writes their JavaScript next to them. Returns each file's errors.
 *
 * With `typeCheck: false` the files are only transpiled, for an app whose types another check
 * already covers.
 */
export function compileInApp(files: string[], typeCheck = true): Map<string, string[]> {
  if (!typeCheck) {
    return new Map(files.map((file) => {
      const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(file, 'utf-8'), {
        compilerOptions: COMPILER_OPTIONS, fileName: file, reportDiagnostics: true,
      });
      fs.writeFileSync(file.replace(/\.ts$/, '.js'), outputText);
      return [file, (diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))];
    }));
  }
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const errors = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const d of [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics]) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file?.fileName;
    const target = file && errors.has(file) ? file : files[0];
    errors.get(target)!.push(where ? `line ${where.line + 1}: ${message}` : `${file ?? ''} ${message}`);
  }
  return errors;
}

export interface RunResult {
  readonly exitCode: number;
  readonly output: string;
}

/** Runs a command, never throwing: the result says how it ended. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode: code, output: `${stdout}${stderr}` });
    });
  });
}

/** Runs `tasks` with at most `limit` at a time (the machine's cores are shared). */
export async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
