// The published package holds the library and nothing else: whatever a build, a test run, the
// example app (`cdk synth` writes cdk.out/) or CI leaves in the working tree must stay out.
import * as fs from 'fs';
import * as path from 'path';
import { packContents, ROOT } from '../support/packed-package';

/** Every file the package may hold. Anything else fails the test. */
const ALLOWED: Array<[description: string, pattern: RegExp]> = [
  ['the package manifest', /^package\.json$/],
  ['the README', /^README\.md$/],
  ['the API reference', /^API\.md$/],
  ['the licence', /^LICENSE$/],
  ['the jsii assembly', /^\.jsii$/],
  ['the compiled library', /^lib\/.+\.(js|d\.ts)$/],
  ['the bundled Lambda handlers', /^assets\/[\w-]+\/handler\/[\w.-]+\.lambda\/index\.js$/],
];

/** The packed tarball may grow with the library, but not by accident (0.79 MB when this was set). */
const MAX_TARBALL_BYTES = 1_000_000;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(rel) : [rel];
  });
}

const contents = packContents();

test('the package holds only allow-listed files', () => {
  const outside = contents.files.filter((file) => !ALLOWED.some(([, pattern]) => pattern.test(file)));
  expect(outside).toEqual([]);
});

test('the package holds the library: the assembly, every compiled module and every handler bundle', () => {
  const sources = sourceFiles('src').filter((f) => f.endsWith('.ts'));
  const expected = [
    '.jsii', 'API.md', 'LICENSE', 'README.md', 'package.json',
    ...sources.map((f) => f.replace(/^src\//, 'lib/').replace(/\.ts$/, '.js')),
    ...sources.map((f) => f.replace(/^src\//, 'lib/').replace(/\.ts$/, '.d.ts')),
    ...sources.filter((f) => f.endsWith('.lambda.ts')).map((f) => f.replace(/^src\//, 'assets/').replace(/\.ts$/, '/index.js')),
  ].sort();
  // Exactly these: a compiled file without a source is left over from a deleted module.
  expect(contents.files).toEqual(expected);
});

test('the tarball stays small', () => {
  // Printed so that the test log states the size.
  console.log(`npm pack: ${contents.files.length} files, ${(contents.size / 1e6).toFixed(2)} MB packed, ${(contents.unpackedSize / 1e6).toFixed(2)} MB unpacked`);
  expect(contents.size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
});
