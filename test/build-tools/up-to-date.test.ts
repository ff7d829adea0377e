// The up-to-date checks that keep `cdk synth`, `cdk ls` and repeated test runs from rebuilding or
// reinstalling what is current.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const TASKS = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;

function exitCode(command: string, args: string[], cwd = ROOT): number | null {
  return spawnSync(command, args, { cwd, stdio: 'pipe' }).status;
}

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'up-to-date-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a file with the given modification time (seconds since the epoch). */
function writeAt(file: string, seconds: number, text = ''): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
  fs.utimesSync(path.join(dir, file), seconds, seconds);
}

describe('is-stale.mjs', () => {
  const isStale = (...args: string[]) => exitCode(process.execPath, [path.join(ROOT, 'build-tools', 'is-stale.mjs'), ...args], dir);

  test('outputs newer than every input file, in nested folders too, are up to date (exit 1)', () => {
    writeAt('src/a.ts', 1000);
    writeAt('src/deep/b.ts', 2000);
    writeAt('out/a.js', 3000);
    expect(isStale('out/a.js', '--from', 'src')).toBe(1);
  });

  test('an input newer than an output makes it stale (exit 0)', () => {
    writeAt('src/deep/b.ts', 4000);
    writeAt('out/a.js', 3000);
    writeAt('out/b.js', 5000);
    expect(isStale('out/a.js', 'out/b.js', '--from', 'src')).toBe(0);
  });

  test('a missing output makes it stale', () => {
    writeAt('src/a.ts', 1000);
    writeAt('out/a.js', 3000);
    expect(isStale('out/a.js', 'out/missing.js', '--from', 'src')).toBe(0);
  });

  test('usage errors exit 2', () => {
    expect(isStale('out/a.js')).toBe(2);
  });
});

describe('the handler bundles', () => {
  test('are up to date after the test command built them, so cdk synth and cdk ls skip the bundler', () => {
    // The bundle task's condition, which bundle-if-stale.mjs (cdk.json's app command) evaluates.
    expect(TASKS.bundle.condition).toMatch(/^node build-tools\/is-stale\.mjs .*assets\/project\/handler\/project-handler\.lambda\/index\.js.* --from src package-lock\.json \.projen\/tasks\.json$/);
    expect(exitCode('sh', ['-c', TASKS.bundle.condition])).toBe(1);
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf-8')).app;
    expect(app).toMatch(/^node build-tools\/bundle-if-stale\.mjs && /);
  });

  test('print no size summary when they are built', () => {
    for (const name of Object.keys(TASKS).filter((n) => /^bundle:.*\.lambda$/.test(n))) {
      expect([name, TASKS[name].steps[0].exec]).toEqual([name, expect.stringMatching(/^esbuild .* --log-level=warning$/)]);
    }
  });
});

describe('npm-ci-if-stale.mjs --check', () => {
  const check = () => exitCode(process.execPath, [path.join(ROOT, 'build-tools', 'npm-ci-if-stale.mjs'), '--check', dir]);
  const lock = (packages: Record<string, unknown>) => JSON.stringify({ lockfileVersion: 3, packages });
  const LOCKED = {
    '': { name: 'app' },
    'node_modules/a': { version: '1.0.0', integrity: 'sha512-a' },
    'node_modules/@esbuild/win32-x64': { version: '0.28.2', optional: true },
  };

  test('node_modules holding what the lock locks is current, optional packages of other platforms aside', () => {
    writeAt('package-lock.json', 1, lock(LOCKED));
    writeAt('node_modules/.package-lock.json', 1, lock({ 'node_modules/a': { integrity: 'sha512-a', version: '1.0.0' } }));
    expect(check()).toBe(0);
  });

  test('a changed lock, a missing or extra package, or no node_modules is not', () => {
    writeAt('package-lock.json', 1, lock(LOCKED));
    expect(check()).toBe(1);
    writeAt('node_modules/.package-lock.json', 1, lock({ 'node_modules/a': { version: '1.0.1', integrity: 'sha512-b' } }));
    expect(check()).toBe(1);
    writeAt('node_modules/.package-lock.json', 1, lock({}));
    expect(check()).toBe(1);
    writeAt('node_modules/.package-lock.json', 1, lock({ 'node_modules/a': LOCKED['node_modules/a'], 'node_modules/b': { version: '2.0.0' } }));
    expect(check()).toBe(1);
  });

  test('this repository\'s node_modules is current after npm ci', () => {
    expect(exitCode(process.execPath, [path.join(ROOT, 'build-tools', 'npm-ci-if-stale.mjs'), '--check'])).toBe(0);
  });
});
