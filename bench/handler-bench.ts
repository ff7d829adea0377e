import * as fs from 'fs';
import { median, runChild } from './child-process';
import type { HandlerCaseResult } from './handler-case';
import { COST_ALLOCATION_BUNDLE, PROJECT_BUNDLE } from './handler-events';
import { fixed, table } from './table';

/** Bundle sizes, and the project handler's load and Create times, median over fresh processes. */
export async function runHandlerBench(repeats: number): Promise<string> {
  const sizes = [
    ['project handler', PROJECT_BUNDLE],
    ['cost allocation handler', COST_ALLOCATION_BUNDLE],
  ].map(([name, file]) => [name, fs.existsSync(file) ? fixed(fs.statSync(file).size / 1024, 0) : 'missing (run npx projen bundle)']);

  const results: HandlerCaseResult[] = [];
  for (let i = 0; i < repeats; i++) {
    results.push(runChild<HandlerCaseResult>('handler-case.ts', []));
  }
  const m = (pick: (r: HandlerCaseResult) => number) => fixed(median(results.map(pick)), 1);

  return [
    '### Bundled handlers',
    '',
    table(['bundle', 'size KB'], sizes),
    '',
    `### Project handler against the Projects API emulator (median of ${repeats} fresh processes)`,
    '',
    table(['load (require) ms', 'first Create ms', 'warm Create ms', 'RSS after MB'], [
      [m((r) => r.loadMs), m((r) => r.firstCreateMs), m((r) => r.warmCreateMs), m((r) => r.rssAfterMb)],
    ]),
    '',
    'A Create lists the projects (to adopt one an earlier attempt made) and then creates one; the first',
    'Create also resolves credentials and sets up the HTTP client.',
  ].join('\n');
}
