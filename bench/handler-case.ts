/**
 * Cold start of the bundled project handler, in a fresh process (run by bench/handler-bench.ts):
 * the time to load the file Lambda would load, then one Create against the Projects API emulator,
 * then a second Create in the same process (a warm invocation). Prints one line of JSON.
 *
 *   node -r ts-node/register/transpile-only bench/handler-case.ts [bundle.js]
 */
import { benchProjects } from './bench-projects';
import { BENCH_CREDENTIALS, lambdaContext, PROJECT_BUNDLE, pointAtEmulators, projectEvent, requireBundle, silenceLogs } from './handler-events';
import { ProjectsApiEmulator } from '../test/emulators/projects-api/server';

export interface HandlerCaseResult {
  readonly loadMs: number;
  readonly firstCreateMs: number;
  readonly warmCreateMs: number;
  readonly rssAfterMb: number;
}

async function main(): Promise<void> {
  const emulator = await ProjectsApiEmulator.start({ credentials: [BENCH_CREDENTIALS] });
  try {
    pointAtEmulators({ projects: emulator.url });
    silenceLogs();
    const [first, second] = benchProjects(2);

    let started = process.hrtime.bigint();
    const handler = requireBundle(process.argv[2] ?? PROJECT_BUNDLE);
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;

    started = process.hrtime.bigint();
    await handler(projectEvent('Create', first.id, { ProjectName: first.name, Tags: first.tags, RemovalPolicy: 'retain' }), lambdaContext());
    const firstCreateMs = Number(process.hrtime.bigint() - started) / 1e6;

    started = process.hrtime.bigint();
    await handler(projectEvent('Create', second.id, { ProjectName: second.name, Tags: second.tags, RemovalPolicy: 'retain' }), lambdaContext());
    const warmCreateMs = Number(process.hrtime.bigint() - started) / 1e6;

    const result: HandlerCaseResult = { loadMs, firstCreateMs, warmCreateMs, rssAfterMb: process.memoryUsage().rss / (1024 * 1024) };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
