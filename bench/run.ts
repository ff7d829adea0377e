/**
 * The library's benchmarks: `npx projen bench` (or `npm run bench`). Prints Markdown tables; it
 * is not a test and asserts nothing.
 *
 *   npx projen bench                 # everything
 *   npx projen bench -- synth        # one or more sections: synth, stack, watch, handler, calls
 *
 * Environment: BENCH_REPEATS (fresh processes per synth case, default 5), BENCH_SIZES (project
 * counts, default 100,400,1000), BENCH_PER_STACK (projects per stack, default 100).
 * Run `npx projen bundle` first: the handler sections use the bundles in assets/.
 */
import * as os from 'os';
import { runCallsBench } from './calls-bench';
import { runHandlerBench } from './handler-bench';
import { runStackGrowthBench, runSynthBench, runWatchBench } from './synth-bench';

const SECTIONS = ['synth', 'stack', 'watch', 'handler', 'calls'] as const;
type Section = typeof SECTIONS[number];

function numbers(value: string | undefined, fallback: number[]): number[] {
  return value ? value.split(',').map((v) => Number(v.trim())) : fallback;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = asked.filter((a) => !SECTIONS.includes(a as Section));
  if (unknown.length > 0) {
    throw new Error(`Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  }
  const sections = asked.length > 0 ? asked as Section[] : [...SECTIONS];
  const sizes = numbers(process.env.BENCH_SIZES, [100, 400, 1000]);
  const repeats = Number(process.env.BENCH_REPEATS ?? 5);
  const perStack = Number(process.env.BENCH_PER_STACK ?? 100);

  console.log(`## Benchmarks (Node.js ${process.version}, ${os.cpus().length} CPUs, ${new Date().toISOString().slice(0, 10)})\n`);
  for (const section of sections) {
    switch (section) {
      case 'synth':
        console.log(runSynthBench({ sizes, perStack, repeats }));
        break;
      case 'stack':
        console.log(runStackGrowthBench([1, 10, 100, 200]));
        break;
      case 'watch':
        console.log(runWatchBench({ sizes, perStack, repeats }));
        break;
      case 'handler':
        console.log(await runHandlerBench(repeats));
        break;
      case 'calls':
        console.log(await runCallsBench(sizes));
        break;
    }
    console.log('');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
