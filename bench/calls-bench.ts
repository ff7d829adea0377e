import type { CallsCaseResult } from './calls-case';
import { runChild } from './child-process';
import { fixed, table } from './table';

const PROJECT_OPERATIONS: Array<[string, string]> = [
  ['ListProjects', 'List'], ['CreateProject', 'Create'], ['GetProject', 'Get'], ['UpdateProject', 'Update'], ['ArchiveProject', 'Archive'],
];

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

function breakdown(calls: Record<string, number>, names: Array<[string, string]>): string {
  const parts = names.filter(([op]) => calls[op]).map(([op, short]) => `${short} ${calls[op]}`);
  return parts.length ? parts.join(', ') : '-';
}

/** Projects API and Cost Explorer requests per deployment, as the emulators counted them. */
export async function runCallsBench(sizes: number[]): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  let tagKeys = 0;
  for (const n of sizes) {
    const result = runChild<CallsCaseResult>('calls-case.ts', [String(n)]);
    tagKeys = result.tagKeys;
    for (const phase of result.phases) {
      const projectCalls = total(phase.projects);
      const ceNames = Object.keys(phase.costExplorer).sort().map((op): [string, string] => [op, op]);
      rows.push([n, phase.phase, projectCalls, fixed(projectCalls / n, 2), breakdown(phase.projects, PROJECT_OPERATIONS),
        total(phase.costExplorer), breakdown(phase.costExplorer, ceNames), fixed(phase.wallMs, 0)]);
    }
  }
  return [
    `### API calls per deployment (N projects + one CostAllocationTags resource with ${tagKeys} keys, counted by the emulators)`,
    '',
    table(['N', 'deployment', 'Projects API calls', 'per project', 'Projects API breakdown', 'Cost Explorer calls', 'Cost Explorer breakdown', 'handler ms (sequential)'], rows),
    '',
    'CloudFormation sends no event at all to a resource whose properties did not change, so a',
    'deployment that changes nothing makes no call; "update, nothing changed" is what an Update with',
    'identical properties costs (e.g. after a rollback). Creates list the account\'s projects (to adopt',
    'a project an earlier attempt made), so their cost grows with the number of projects in the region.',
  ].join('\n');
}
