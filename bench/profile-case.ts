/**
 * A CPU profile of one synth, after the warm-up that loads modules, for finding where synth time
 * goes (open the file in Chrome DevTools or any .cpuprofile viewer):
 *
 *   node -r ts-node/register/transpile-only bench/profile-case.ts <bedrock|handwritten|handwrittenLambda|cfn> <projects> <perStack> <out.cpuprofile>
 */
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { benchProjects } from './bench-projects';
import { buildBenchApp, SynthKind } from './synth-case';

function post(session: inspector.Session, method: string, params?: object): Promise<any> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

async function main(): Promise<void> {
  const [kind, projects, perStack, outFile] = process.argv.slice(2);
  if (!outFile) {
    throw new Error('usage: profile-case.ts <bedrock|handwritten|handwrittenLambda|cfn> <projects> <perStack> <out.cpuprofile>');
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  try {
    buildBenchApp(kind as SynthKind, benchProjects(1), Number(perStack), path.join(outdir, 'warm-up')).synth();
    const session = new inspector.Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
    buildBenchApp(kind as SynthKind, benchProjects(Number(projects)), Number(perStack), path.join(outdir, 'cdk.out')).synth();
    const { profile } = await post(session, 'Profiler.stop');
    fs.writeFileSync(outFile, JSON.stringify(profile));
    session.disconnect();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
