import * as fs from 'fs';
import * as path from 'path';

const HEADING = '## Snapshot-testing your tag policy';
const ROOT = path.join(__dirname, '..', '..');

/** The section's text: from README.md once it is spliced in there, else from docs/tag-policy.md. */
function section(): string {
  for (const file of ['README.md', path.join('docs', 'tag-policy.md')]) {
    const full = path.join(ROOT, file);
    const text = fs.existsSync(full) ? fs.readFileSync(full, 'utf-8') : '';
    const start = text.indexOf(HEADING);
    if (start >= 0) {
      const next = text.slice(start + HEADING.length).search(/^## /m);
      return next < 0 ? text.slice(start) : text.slice(start, start + HEADING.length + next);
    }
  }
  throw new Error(`no '${HEADING}' section in README.md or docs/tag-policy.md`);
}

test('every TypeScript block of the README section is part of the example test', () => {
  const example = fs.readFileSync(path.join(__dirname, 'readme-example.test.ts'), 'utf-8');
  const blocks = [...section().matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  for (const block of blocks) {
    // The README imports the package; the test imports the sources.
    expect(example).toContain(block.replace("from 'cdk-bedrock-projects'", "from '../../src'"));
  }
});
