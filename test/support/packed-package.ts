// Packs the library the way it is published (`npm pack`, which jsii-pacmak also runs), for the
// tests that look inside the package or install it into a fresh CDK app.
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');

/**
 * Where the package tests keep what is worth reusing between runs: packed tarballs (named by
 * content) and one fresh app per aws-cdk-lib version. One folder per checkout, so that two
 * checkouts tested at the same time never install into the same app (downloads are shared
 * anyway, through the npm cache).
 */
export const TEST_CACHE = path.join(os.tmpdir(), 'cdk-bedrock-projects-package-tests',
  crypto.createHash('sha256').update(path.resolve(ROOT)).digest('hex').slice(0, 12));

/** What `npm pack` reports. */
export interface PackReport {
  /** The tarball's size in bytes. */
  readonly size: number;
  readonly unpackedSize: number;
  /** Every file in the tarball, relative to the package root. */
  readonly files: string[];
}

export interface PackedPackage extends PackReport {
  /** The tarball, named by its content. */
  readonly tarball: string;
}

function requireBuild(): void {
  for (const output of ['.jsii', 'lib/index.js']) {
    if (!fs.existsSync(path.join(ROOT, output))) {
      throw new Error(`${output} is missing: build the package first with 'npx projen compile' (npm test does)`);
    }
  }
}

function npmPack(args: string[]): PackReport & { filename: string } {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', ...args], { cwd: ROOT, encoding: 'utf-8' });
  const [report] = JSON.parse(out);
  return {
    filename: report.filename,
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((f: { path: string }) => f.path).sort(),
  };
}

/** The package's contents, without writing a tarball. */
export function packContents(): PackReport {
  requireBuild();
  return npmPack(['--dry-run']);
}

/** Packs the package into the test cache. */
export function packedPackage(): PackedPackage {
  requireBuild();
  const packs = path.join(TEST_CACHE, 'packs');
  fs.mkdirSync(packs, { recursive: true });
  // Packed into a folder of its own, then renamed, so that test workers packing at the same time
  // never see each other's half-written tarball.
  const scratch = fs.mkdtempSync(path.join(packs, 'pack-'));
  try {
    const report = npmPack(['--pack-destination', scratch]);
    const packed = path.join(scratch, report.filename);
    const hash = crypto.createHash('sha256').update(fs.readFileSync(packed)).digest('hex').slice(0, 16);
    const tarball = path.join(packs, `cdk-bedrock-projects-${hash}.tgz`);
    fs.renameSync(packed, tarball);
    return { ...report, tarball };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
