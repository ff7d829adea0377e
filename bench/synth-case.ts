/**
 * One synth measurement, run by bench/run.ts in a fresh Node.js process so that no case inherits
 * another's heap, module cache or asset cache:
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/synth-case.ts <bedrock|handwritten|handwrittenLambda|cfn|watched> <projects> <perStack> <outdir>
 *
 * Prints one line of JSON (a {@link SynthCaseResult}) on stdout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, aws_bedrockmantle as bedrockmantle, aws_lambda as lambda, aws_sns as sns, CfnOutput, Stack } from 'aws-cdk-lib';
import { benchProjects, BenchProject } from './bench-projects';
import { BedrockProject, ProjectDashboard, TagTaxonomy } from '../src';

/**
 * `bedrock`: `BedrockProject` with the example taxonomy, defaults otherwise. `handwritten`: what a
 * user would write instead, a `CfnProject` and an exported `CfnOutput` of its ID per project.
 * `handwrittenLambda`: `handwritten` plus one Lambda function, its code an asset, in a stack of
 * its own: what having any Lambda function in the app costs the synth, for comparison with the
 * functions of the library's providers. `cfn`: bare `CfnProject`s. `watched`: `bedrock` plus what
 * watching spend adds: per project a monthly budget and a spend alarm, per stack an SNS topic for
 * them and a dashboard of its projects.
 */
export type SynthKind = 'bedrock' | 'handwritten' | 'handwrittenLambda' | 'cfn' | 'watched';
const KINDS: SynthKind[] = ['bedrock', 'handwritten', 'handwrittenLambda', 'cfn', 'watched'];

/** Any asset directory will do for the one function of `handwrittenLambda`: the project handler's bundle. */
const FUNCTION_ASSET = path.join(__dirname, '../assets/project/handler/project-handler.lambda');

const PRICES = [{ model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 }];
const OTHER_MODELS = { inputPerMillionTokens: 3, outputPerMillionTokens: 15 };

export interface StackFigures {
  readonly stackName: string;
  readonly projects: number;
  readonly resources: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

export interface SynthCaseResult {
  readonly kind: SynthKind;
  readonly projects: number;
  /** Constructing the app and `app.synth()`, after a warm-up that loads every module. */
  readonly synthMs: number;
  /**
   * The CPU time (user and system, every thread of the process) of the same span: steadier than
   * the wall clock on a machine where other jobs take turns on the cores.
   */
  readonly synthCpuMs: number;
  /** The process's peak resident set (kernel high-water mark) minus its size before the measured synth. */
  readonly peakRssDeltaMb: number;
  /** The process's peak resident set, all of it (Node.js, aws-cdk-lib and the library loaded). */
  readonly peakRssMb: number;
  /** Heap still in use after synth with the app alive, after a full GC, minus the heap before. */
  readonly retainedHeapMb: number;
  readonly stacks: StackFigures[];
}

const MB = 1024 * 1024;

function gc(): void {
  const collect = (global as { gc?: () => void }).gc;
  if (!collect) {
    throw new Error('Run with node --expose-gc');
  }
  collect();
  collect();
}

/** The app under test: `projects` spread over stacks of at most `perStack`. */
export function buildBenchApp(kind: SynthKind, projects: BenchProject[], perStack: number, outdir: string): App {
  const app = new App({ outdir });
  const taxonomy = TagTaxonomy.example();
  for (let first = 0, stackIndex = 0; first < projects.length; first += perStack, stackIndex++) {
    const stack = new Stack(app, `Bench${String(stackIndex).padStart(2, '0')}`, { env: { account: '111111111111', region: 'us-east-1' } });
    const declared: BedrockProject[] = [];
    const topic = kind === 'watched' ? new sns.Topic(stack, 'SpendAlerts', { enforceSSL: true }) : undefined;
    for (const project of projects.slice(first, first + perStack)) {
      if (kind === 'bedrock' || kind === 'watched') {
        const declaredProject = new BedrockProject(stack, project.id, { projectName: project.name, tags: project.tags, taxonomy });
        declared.push(declaredProject);
        if (topic) {
          declaredProject.addBudget('Budget', { limit: 1000, emails: ['finops@example.com'], topic });
          declaredProject.addSpendAlarm('SpendAlarm', { threshold: 20, prices: PRICES, defaultPrice: OTHER_MODELS, topic });
        }
      } else {
        const cfnProject = new bedrockmantle.CfnProject(stack, project.id, {
          name: project.name,
          tags: Object.entries(project.tags).map(([key, value]) => ({ key, value })),
        });
        if (kind === 'handwritten' || kind === 'handwrittenLambda') {
          new CfnOutput(cfnProject, 'ProjectIdOutput', {
            value: cfnProject.attrId,
            exportName: `${stack.stackName}:${project.id}:ProjectId`,
          });
        }
      }
    }
    if (kind === 'watched') {
      new ProjectDashboard(stack, 'Dashboard', { projects: declared, prices: PRICES, defaultPrice: OTHER_MODELS });
    }
  }
  if (kind === 'handwrittenLambda') {
    const stack = new Stack(app, 'Functions', { env: { account: '111111111111', region: 'us-east-1' } });
    new lambda.Function(stack, 'Function', { code: lambda.Code.fromAsset(FUNCTION_ASSET), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });
  }
  return app;
}

function stackFigures(outdir: string, app: App): StackFigures[] {
  return app.node.children.filter((c): c is Stack => Stack.isStack(c)).map((stack) => {
    const file = path.join(outdir, stack.templateFile);
    const text = fs.readFileSync(file, 'utf8');
    const template = JSON.parse(text);
    const resources = Object.values(template.Resources ?? {}) as Array<{ Type: string }>;
    return {
      stackName: stack.stackName,
      projects: resources.filter((r) => r.Type === 'Custom::BedrockProject' || r.Type === 'AWS::BedrockMantle::Project').length,
      resources: resources.length,
      outputs: Object.keys(template.Outputs ?? {}).length,
      templateBytes: Buffer.byteLength(text),
    };
  });
}

function main(): void {
  const [kindArg, projectsArg, perStackArg, outdir] = process.argv.slice(2);
  const kind = kindArg as SynthKind;
  if (!KINDS.includes(kind) || !outdir) {
    throw new Error(`usage: synth-case.ts <${KINDS.join('|')}> <projects> <perStack> <outdir>`);
  }
  const projects = benchProjects(Number(projectsArg));
  const perStack = Number(perStackArg);

  // Warm-up: the first synth loads modules (aws-lambda, custom-resources, ...) and hashes the
  // handler asset; neither is a per-project cost.
  buildBenchApp(kind, benchProjects(1), perStack, path.join(outdir, 'warm-up')).synth();
  fs.rmSync(path.join(outdir, 'warm-up'), { recursive: true, force: true });

  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const app = buildBenchApp(kind, projects, perStack, path.join(outdir, 'cdk.out'));
  app.synth();
  const synthMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const synthCpuMs = (cpu.user + cpu.system) / 1000;
  // maxRSS is the kernel's high-water mark, in kilobytes: exact, where sampling a synchronous
  // synth from a timer could never run.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const stacks = stackFigures(path.join(outdir, 'cdk.out'), app);

  const result: SynthCaseResult = {
    kind,
    projects: projects.length,
    synthMs,
    synthCpuMs,
    peakRssDeltaMb: (peakRss - rssBefore) / MB,
    peakRssMb: peakRss / MB,
    retainedHeapMb: (heapAfter - heapBefore) / MB,
    stacks,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main();
}
