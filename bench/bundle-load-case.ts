/**
 * The time to load one bundled handler, as Lambda does at cold start, in a fresh process (run by
 * bench/handler-bench.ts). Prints one line of JSON.
 *
 *   node -r ts-node/register/transpile-only bench/bundle-load-case.ts <bundle.js>
 */
import { requireBundle } from './handler-events';

export interface BundleLoadResult {
  readonly loadMs: number;
  /** CPU time of the load (user and system): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  /** Resident set growth during the load. */
  readonly rssDeltaMb: number;
}

function main(): void {
  const [file] = process.argv.slice(2);
  if (!file) {
    throw new Error('usage: bundle-load-case.ts <bundle.js>');
  }
  const rssBefore = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  requireBundle(file);
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const result: BundleLoadResult = {
    loadMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssDeltaMb: (process.memoryUsage().rss - rssBefore) / (1024 * 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
