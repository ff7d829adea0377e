#!/usr/bin/env node
// Runs `npm ci` unless node_modules already holds exactly what package-lock.json locks.
//
// npm records what it installed in node_modules/.package-lock.json (the "hidden lockfile"). When
// its packages are package-lock.json's (less the optional ones npm skips on this platform), a clean
// install would produce the same tree, so it is skipped; anything else (no node_modules, a changed
// lock, a package added or removed by hand) runs `npm ci`.
// Plain Node.js with no dependencies: it must work before anything is installed.
//
// `--check [folder]` only reports, by its exit code, whether the folder's (default: this
// repository's) node_modules is current (0) or not (1), and installs nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const checkOnly = process.argv[2] === '--check';
const root = (checkOnly && process.argv[3]) || path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function lockedPackages(file) {
  try {
    const packages = { ...JSON.parse(fs.readFileSync(file, 'utf-8')).packages };
    // The root entry describes the project itself, which the hidden lockfile leaves out.
    delete packages[''];
    return packages;
  } catch {
    return undefined;
  }
}

/** A JSON rendering that does not depend on key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const wanted = lockedPackages(path.join(root, 'package-lock.json'));
const installed = lockedPackages(path.join(root, 'node_modules', '.package-lock.json'));
function matches(locked, present) {
  if (!locked || !present) return false;
  for (const [name, entry] of Object.entries(locked)) {
    const found = present[name];
    // Optional packages for other platforms (esbuild's binaries, for example) are never installed.
    if (found === undefined ? !entry.optional : canonical(found) !== canonical(entry)) return false;
  }
  return Object.keys(present).every((name) => Object.hasOwn(locked, name));
}

const current = matches(wanted, installed);
if (checkOnly) {
  process.exit(current ? 0 : 1);
}
if (current) {
  console.log('node_modules matches package-lock.json; skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
