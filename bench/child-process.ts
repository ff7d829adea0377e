import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * Runs a bench script in a fresh Node.js process (TypeScript through ts-node, GC exposed) and
 * parses the JSON line it prints last.
 */
export function runChild<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): T {
  const output = execFileSync(process.execPath, ['--expose-gc', '--no-warnings', '-r', 'ts-node/register/transpile-only', path.join(__dirname, script), ...args], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
