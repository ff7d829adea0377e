import * as fs from 'fs';
import * as path from 'path';
import type { BundleLoadResult } from './bundle-load-case';
import { median, runChild } from './child-process';
import type { HandlerCaseResult } from './handler-case';
import { COST_ALLOCATION_BUNDLE, PROJECT_BUNDLE } from './handler-events';
import { fixed, table } from './table';

const ASSETS = path.join(__dirname, '..', 'assets');
const BUNDLES = [
  ['project handler', PROJECT_BUNDLE],
  ['cost allocation handler', COST_ALLOCATION_BUNDLE],
] as const;

/**
 * Size and load (`require`) time of each bundle, median over fresh processes. With
 * `BENCH_BASELINE_ASSETS` set to a copy of an earlier build's assets/ directory, the earlier
 * bundles are measured in the same run, alternating with the current ones, for a before/after.
 */
function bundleTable(repeats: number): string {
  const baselineDir = process.env.BENCH_BASELINE_ASSETS;
  const builds = [['current', ASSETS], ...(baselineDir ? [['previous', baselineDir]] : [])] as const;
  const samples = new Map<string, BundleLoadResult[]>();
  for (let i = 0; i < repeats; i++) {
    for (const [, file] of BUNDLES) {
      for (const [build, dir] of builds) {
        const bundle = path.join(dir, path.relative(ASSETS, file));
        const key = `${build}:${file}`;
        samples.set(key, [...samples.get(key) ?? [], runChild<BundleLoadResult>('bundle-load-case.ts', [bundle])]);
      }
    }
  }
  const rows: Array<Array<string | number>> = [];
  for (const [name, file] of BUNDLES) {
    for (const [build, dir] of builds) {
      const bundle = path.join(dir, path.relative(ASSETS, file));
      const results = samples.get(`${build}:${file}`)!;
      rows.push([name, build, fixed(fs.statSync(bundle).size / 1024, 0),
        fixed(median(results.map((r) => r.loadMs)), 1), fixed(median(results.map((r) => r.cpuMs)), 1),
        fixed(median(results.map((r) => r.rssDeltaMb)), 1)]);
    }
  }
  return table(['bundle', 'build', 'size KB', 'load (require) ms', 'load CPU ms', 'RSS growth MB'], rows);
}

/** Bundle sizes and load times, and the project handler's Create times, median over fresh processes. */
export async function runHandlerBench(repeats: number): Promise<string> {
  for (const [, file] of BUNDLES) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing; run 'npx projen bundle' first`);
    }
  }

  const baselineDir = process.env.BENCH_BASELINE_ASSETS;
  const builds: Array<[string, string]> = [['current', PROJECT_BUNDLE],
    ...(baselineDir ? [['previous', path.join(baselineDir, path.relative(ASSETS, PROJECT_BUNDLE))] as [string, string]] : [])];
  const results = new Map<string, HandlerCaseResult[]>();
  for (let i = 0; i < repeats; i++) {
    for (const [build, bundle] of builds) {
      results.set(build, [...results.get(build) ?? [], runChild<HandlerCaseResult>('handler-case.ts', [bundle])]);
    }
  }
  const rows = builds.map(([build]) => {
    const m = (pick: (r: HandlerCaseResult) => number) => fixed(median(results.get(build)!.map(pick)), 1);
    return [build, m((r) => r.loadMs), m((r) => r.firstCreateMs), m((r) => r.loadMs + r.firstCreateMs),
      m((r) => r.warmCreateMs), m((r) => r.rssAfterMb)];
  });

  return [
    `### Bundled handlers (median of ${repeats} fresh processes)`,
    '',
    bundleTable(repeats),
    '',
    `### Project handler against the Projects API emulator (median of ${repeats} fresh processes)`,
    '',
    table(['build', 'load (require) ms', 'first Create ms', 'load + first Create ms', 'warm Create ms', 'RSS after MB'], rows),
    '',
    'A Create lists the projects (to adopt one an earlier attempt made) and then creates one; the first',
    'Create also resolves credentials and sets up the HTTP client.',
  ].join('\n');
}
