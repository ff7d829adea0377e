#!/usr/bin/env node
// Rebuilds the handler bundles only when they are out of date, for cdk.json's app command.
//
// `npx projen bundle` checks the same condition (the bundle task's, in .projen/tasks.json), but
// starting projen alone takes seconds and it prints the skip; this evaluates the condition first
// and stays silent when the bundles are current. Bundler output goes to stderr, because the CDK
// CLI reads the app's stdout.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleTask = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf-8')).tasks.bundle;
const stale = !bundleTask.condition
  || spawnSync(bundleTask.condition, { cwd: root, shell: true, stdio: 'ignore' }).status === 0;
if (stale) {
  const result = spawnSync('npx', ['projen', 'bundle'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  process.exit(result.status ?? 1);
}
