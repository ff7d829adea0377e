#!/usr/bin/env node
// Usage: node build-tools/is-stale.mjs <output>... --from <input>...
//
// Exits 0 (stale: the step should run) when an output is missing or older than the newest input
// file, and 1 (up to date: skip it) otherwise. Inputs may be folders, searched recursively.
// projen runs a task only when its condition exits 0, so this skips a build whose outputs are
// newer than everything they are built from.
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const split = args.indexOf('--from');
if (split < 1 || split === args.length - 1) {
  console.error('usage: is-stale.mjs <output>... --from <input>...');
  process.exit(2);
}
const outputs = args.slice(0, split);
const inputs = args.slice(split + 1);

/** The newest modification time of a file, or of any file below a folder. */
function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const newestInput = Math.max(...inputs.map(newestMtime));
for (const output of outputs) {
  let mtime;
  try {
    mtime = fs.statSync(output).mtimeMs;
  } catch {
    process.exit(0);
  }
  if (mtime < newestInput) {
    process.exit(0);
  }
}
process.exit(1);
