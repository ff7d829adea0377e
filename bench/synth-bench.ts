import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, runChild } from './child-process';
import type { SynthCaseResult, SynthKind } from './synth-case';
import { fixed, table } from './table';

export interface SynthBenchOptions {
  /** Project counts to measure. */
  readonly sizes: number[];
  /** Projects per stack. */
  readonly perStack: number;
  /** Fresh processes per case; the median is reported. */
  readonly repeats: number;
}

const KINDS = ['bedrock', 'handwritten', 'handwrittenLambda', 'cfn'] as const;
const BASELINES = ['handwritten', 'handwrittenLambda', 'cfn'] as const;
const KIND_LABEL: Record<SynthKind, string> = {
  bedrock: 'BedrockProject',
  handwritten: 'CfnProject + ID CfnOutput',
  handwrittenLambda: 'the same + one Lambda function',
  cfn: 'CfnProject',
  watched: 'BedrockProject watched',
};

function synthCase(kind: SynthKind, projects: number, perStack: number): SynthCaseResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    return runChild<SynthCaseResult>('synth-case.ts', [kind, String(projects), String(perStack), outdir]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Runs every case `options.repeats` times, each in its own process, keyed `<kind>:<N>`; the cases
 * alternate so that a slow spell of the machine hits all kinds alike.
 */
function sampleCases(kinds: readonly SynthKind[], options: SynthBenchOptions): Map<string, SynthCaseResult[]> {
  const samples = new Map<string, SynthCaseResult[]>();
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const n of options.sizes) {
      for (const kind of kinds) {
        const key = `${kind}:${n}`;
        samples.set(key, [...(samples.get(key) ?? []), synthCase(kind, n, options.perStack)]);
      }
    }
  }
  return samples;
}

interface CaseSummary {
  readonly synthMs: number;
  readonly synthCpuMs: number;
  readonly peakRssMb: number;
  readonly retainedHeapMb: number;
  readonly first: SynthCaseResult;
}

/**
 * Synth time and memory of N projects as `BedrockProject`, as the hand-written equivalent
 * (`CfnProject` and an exported ID `CfnOutput`), as that with one Lambda function in the app, and
 * as bare `CfnProject`, each case in its own process; the cases alternate so that a slow spell of
 * the machine hits all of them.
 */
export function runSynthBench(options: SynthBenchOptions): string {
  const samples = sampleCases(KINDS, options);
  const summary = (kind: SynthKind, n: number): CaseSummary => {
    const results = samples.get(`${kind}:${n}`)!;
    return {
      synthMs: median(results.map((r) => r.synthMs)),
      synthCpuMs: median(results.map((r) => r.synthCpuMs)),
      peakRssMb: median(results.map((r) => r.peakRssMb)),
      retainedHeapMb: median(results.map((r) => r.retainedHeapMb)),
      first: results[0],
    };
  };

  const timing: Array<Array<string | number>> = [];
  const ratios: Array<Array<string | number>> = [];
  const perStack: Array<Array<string | number>> = [];
  for (const n of options.sizes) {
    const cases = {
      bedrock: summary('bedrock', n),
      handwritten: summary('handwritten', n),
      handwrittenLambda: summary('handwrittenLambda', n),
      cfn: summary('cfn', n),
    };
    for (const kind of KINDS) {
      const c = cases[kind];
      timing.push([n, KIND_LABEL[kind], c.first.stacks.length, fixed(c.synthMs, 0), fixed(c.synthCpuMs, 0), fixed((c.synthMs * 1000) / n, 0),
        fixed(c.peakRssMb, 0), fixed(c.retainedHeapMb, 2), fixed((c.retainedHeapMb * 1024) / n, 1)]);
      if (kind === 'handwrittenLambda') {
        // Its stacks are those of `handwritten` and one of the function.
        continue;
      }
      const stacks = c.first.stacks;
      const others = stacks.map((s) => s.resources - s.projects);
      const full = stacks.reduce((a, b) => (b.projects > a.projects ? b : a));
      perStack.push([n, KIND_LABEL[kind], stacks.length, full.projects, full.resources,
        Math.min(...others) === Math.max(...others) ? others[0] : `${Math.min(...others)}-${Math.max(...others)}`,
        full.outputs, fixed(full.templateBytes / 1024, 1), fixed((full.templateBytes / full.projects), 0)]);
    }
    for (const baseline of BASELINES) {
      ratios.push([n, KIND_LABEL[baseline], `${fixed(cases.bedrock.synthMs / cases[baseline].synthMs, 2)}x`,
        `${fixed(cases.bedrock.synthCpuMs / cases[baseline].synthCpuMs, 2)}x`,
        `${fixed(cases.bedrock.peakRssMb / cases[baseline].peakRssMb, 2)}x`,
        `${fixed(cases.bedrock.retainedHeapMb / cases[baseline].retainedHeapMb, 2)}x`]);
    }
  }

  return [
    `### Synth time and memory (${options.perStack} projects per stack, median of ${options.repeats} fresh processes)`,
    '',
    table(['N', 'construct', 'stacks', 'synth ms', 'synth CPU ms', 'µs/project', 'peak RSS MB', 'retained heap MB', 'KB heap/project'], timing),
    '',
    '### BedrockProject against each baseline',
    '',
    table(['N', 'baseline', 'synth time', 'synth CPU', 'peak RSS', 'retained heap'], ratios),
    '',
    '### Per stack (the fullest stack of each run)',
    '',
    table(['N', 'construct', 'stacks', 'projects', 'resources', 'other resources', 'outputs', 'template KB', 'bytes/project'], perStack),
  ].join('\n');
}

/** Resources and template size of one stack as it fills up: the provider must not grow. */
export function runStackGrowthBench(counts: number[]): string {
  const rows: Array<Array<string | number>> = [];
  for (const n of counts) {
    const [stack] = synthCase('bedrock', n, n).stacks;
    rows.push([n, stack.resources, stack.resources - stack.projects, stack.outputs,
      fixed(stack.templateBytes / 1024, 1), fixed(stack.templateBytes / n, 0)]);
  }
  return [
    '### One stack as it fills up (BedrockProject)',
    '',
    table(['projects', 'resources', 'other resources', 'outputs', 'template KB', 'bytes/project'], rows),
  ].join('\n');
}

/**
 * What watching spend costs: N projects as plain `BedrockProject`s and with a budget and a spend
 * alarm each plus a topic and a dashboard per stack, each case in a fresh process, alternating.
 */
export function runWatchBench(options: SynthBenchOptions): string {
  const samples = sampleCases(['bedrock', 'watched'], options);
  const rows: Array<Array<string | number>> = [];
  const added: Array<Array<string | number>> = [];
  for (const n of options.sizes) {
    const fullest = (kind: SynthKind) => {
      const results = samples.get(`${kind}:${n}`)!;
      const stack = [...results[0].stacks].sort((a, b) => b.projects - a.projects)[0];
      return { synthMs: median(results.map((r) => r.synthMs)), peakRssMb: median(results.map((r) => r.peakRssMb)), stack };
    };
    const plain = fullest('bedrock');
    const watched = fullest('watched');
    for (const [label, c] of [['BedrockProject', plain], ['+ budget, spend alarm, dashboard', watched]] as const) {
      rows.push([n, label, fixed(c.synthMs, 0), fixed((c.synthMs * 1000) / n, 0), fixed(c.peakRssMb, 0),
        c.stack.projects, c.stack.resources, fixed(c.stack.templateBytes / 1024, 1)]);
    }
    added.push([n, watched.stack.projects, watched.stack.resources - plain.stack.resources,
      fixed((watched.stack.templateBytes - plain.stack.templateBytes) / 1024, 1),
      fixed((watched.stack.templateBytes - plain.stack.templateBytes) / watched.stack.projects, 0),
      `${fixed(watched.synthMs / plain.synthMs, 2)}x`]);
  }
  return [
    `### Watching spend (${options.perStack} projects per stack, median of ${options.repeats} fresh processes)`,
    '',
    table(['N', 'projects declared as', 'synth ms', 'µs/project', 'peak RSS MB', 'projects in fullest stack', 'resources', 'template KB'], rows),
    '',
    '### What watching spend adds to the fullest stack',
    '',
    table(['N', 'projects', 'added resources', 'added template KB', 'added bytes/project', 'synth time'], added),
  ].join('\n');
}
