/**
 * API calls per deployment, counted by the emulators (run by bench/calls-bench.ts in a fresh
 * process): the bundled handlers get the events CloudFormation would send for a stack of N
 * projects and one CostAllocationTags resource, one resource after the other.
 *
 *   node -r ts-node/register/transpile-only bench/calls-case.ts <projects>
 *
 * Prints one line of JSON (a {@link CallsCaseResult}).
 */
import { benchProjects } from './bench-projects';
import {
  BENCH_CREDENTIALS, COST_ALLOCATION_BUNDLE, costAllocationEvent, lambdaContext, PROJECT_BUNDLE, pointAtEmulators,
  projectEvent, requireBundle, silenceLogs,
} from './handler-events';
import { TagTaxonomy } from '../src';
import { CostExplorerEmulator } from '../test/emulators/cost-explorer/cost-explorer-emulator';
import { ProjectsApiEmulator } from '../test/emulators/projects-api/server';

export interface PhaseCalls {
  readonly phase: string;
  /** Projects API requests per operation. */
  readonly projects: Record<string, number>;
  /** Cost Explorer requests per operation. */
  readonly costExplorer: Record<string, number>;
  readonly wallMs: number;
}

export interface CallsCaseResult {
  readonly projects: number;
  readonly tagKeys: number;
  readonly phases: PhaseCalls[];
}

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  const projects = benchProjects(count);
  const tagKeys = TagTaxonomy.example().costAllocationKeys;
  const projectsApi = await ProjectsApiEmulator.start({ credentials: [BENCH_CREDENTIALS] });
  const costExplorer = await CostExplorerEmulator.start({ ...BENCH_CREDENTIALS });
  try {
    pointAtEmulators({ projects: projectsApi.url, costExplorer: costExplorer.endpoint });
    silenceLogs();
    // Billing has seen the keys (they are in use elsewhere), so they can be activated at once.
    costExplorer.registerKeys(tagKeys);
    const projectHandler = requireBundle(PROJECT_BUNDLE);
    const costAllocationHandler = requireBundle(COST_ALLOCATION_BUNDLE);

    const physicalIds = new Map<string, string>();
    let costAllocationId = '';
    const phases: PhaseCalls[] = [];
    const phase = async (name: string, run: () => Promise<void>) => {
      projectsApi.resetRequests();
      costExplorer.resetCounts();
      const started = process.hrtime.bigint();
      await run();
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const projectCalls = Object.fromEntries(Object.entries(projectsApi.counts).filter(([, n]) => n > 0));
      phases.push({ phase: name, projects: projectCalls, costExplorer: { ...costExplorer.calls }, wallMs });
    };

    await phase('create', async () => {
      for (const p of projects) {
        const answer = await projectHandler(projectEvent('Create', p.id, { ProjectName: p.name, Tags: p.tags, RemovalPolicy: 'retain' }), lambdaContext());
        physicalIds.set(p.id, answer.PhysicalResourceId);
      }
      costAllocationId = (await costAllocationHandler(costAllocationEvent('Create', tagKeys), lambdaContext())).PhysicalResourceId;
    });
    await phase('update, nothing changed', async () => {
      for (const p of projects) {
        await projectHandler(projectEvent('Update', p.id, { ProjectName: p.name, Tags: p.tags, RemovalPolicy: 'retain' }, physicalIds.get(p.id)), lambdaContext());
      }
      await costAllocationHandler(costAllocationEvent('Update', tagKeys, costAllocationId), lambdaContext());
    });
    await phase('update, one tag changed', async () => {
      for (const p of projects) {
        const tags = { ...p.tags, Owner: 'finops' };
        await projectHandler(projectEvent('Update', p.id, { ProjectName: p.name, Tags: tags, RemovalPolicy: 'retain' }, physicalIds.get(p.id)), lambdaContext());
      }
    });
    await phase('delete (RETAIN, the default)', async () => {
      for (const p of projects) {
        await projectHandler(projectEvent('Delete', p.id, { ProjectName: p.name, Tags: p.tags, RemovalPolicy: 'retain' }, physicalIds.get(p.id)), lambdaContext());
      }
      await costAllocationHandler(costAllocationEvent('Delete', tagKeys, costAllocationId), lambdaContext());
    });
    await phase('delete (DESTROY: archive)', async () => {
      for (const p of projects) {
        await projectHandler(projectEvent('Delete', p.id, { ProjectName: p.name, Tags: p.tags, RemovalPolicy: 'destroy' }, physicalIds.get(p.id)), lambdaContext());
      }
    });
    if (projectsApi.store.activeProjects().length !== 0) {
      throw new Error(`Expected every project archived, ${projectsApi.store.activeProjects().length} still active`);
    }

    const result: CallsCaseResult = { projects: count, tagKeys: tagKeys.length, phases };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await projectsApi.stop();
    await costExplorer.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
