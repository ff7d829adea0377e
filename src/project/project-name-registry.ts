import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The project names declared in each stack, so that every project can tell in constant time
 * whether another project in its stack has the same name (walking the tree once per project
 * would make synth quadratic in the number of projects).
 */
const namesByStack = new WeakMap<Stack, Map<string, string[]>>();

/** Records that the project at `scope` uses `name` in its stack. */
export function registerProjectName(scope: IConstruct, name: string): void {
  const stack = Stack.of(scope);
  let names = namesByStack.get(stack);
  if (!names) {
    names = new Map();
    namesByStack.set(stack, names);
  }
  const paths = names.get(name) ?? [];
  paths.push(scope.node.path);
  names.set(name, paths);
}

/** The paths of the other projects in `scope`'s stack that use `name`. */
export function otherProjectsNamed(scope: IConstruct, name: string): string[] {
  const paths = namesByStack.get(Stack.of(scope))?.get(name) ?? [];
  return paths.filter((p) => p !== scope.node.path);
}
