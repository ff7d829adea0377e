import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Every TypeScript file under src/, as a path relative to src/ with forward slashes. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** The module specifiers a file imports (static imports and re-exports). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf-8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]);
}

/** The capability folder of a file relative to src/ ('' for files at the top). */
function folderOf(file: string): string {
  return file.includes('/') ? file.split('/')[0] : '';
}

function resolveLocal(from: string, specifier: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

/** Edges between capability folders: `a -> b` when a file of `a` imports a file of `b`. */
function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const from = folderOf(file);
      const to = folderOf(resolveLocal(file, specifier));
      if (from === to || from === '' || to === '') continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** A cycle in the graph as a list of folders, or undefined. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Files that run in Lambda: the handlers' folders and the clients they share. */
function isLambdaSide(file: string): boolean {
  return /(^|\/)handler\//.test(file) || /^(projects-api|handler-shared)\//.test(file);
}

describe('source folders', () => {
  test('no import circle between capability folders', () => {
    expect(findCycle(folderEdges())).toBeUndefined();
  });

  test('the tag policy reads projects, and projects do not reach into the tag policy', () => {
    const edges = folderEdges();
    expect(edges.get('tag-policy')).toContain('project');
    expect([...edges.get('project') ?? []]).not.toContain('tag-policy');
  });

  test('Lambda-side code imports neither aws-cdk-lib nor constructs, and no synth-side construct file', () => {
    const offending = sourceFiles().filter(isLambdaSide).flatMap((file) => importsOf(file)
      .filter((specifier) => /^(aws-cdk-lib|constructs)(\/|$)/.test(specifier)
        || (specifier.startsWith('.') && !isLambdaSide(resolveLocal(file, specifier))
          && !/\/(resource-contract|backfill-window)$/.test(resolveLocal(file, specifier))))
      .map((specifier) => `${file} imports ${specifier}`));
    expect(offending).toEqual([]);
  });

  test('every handler entry point sits in its capability\'s handler/ folder', () => {
    const entries = sourceFiles().filter((file) => file.endsWith('.lambda.ts'));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((file) => !/^[^/]+\/handler\/[^/]+\.lambda\.ts$/.test(file))).toEqual([]);
  });
});
