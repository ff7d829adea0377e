import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The project names and published names declared in each stack, so that every project can tell
 * in constant time whether another project in its stack uses the same one (walking the tree once
 * per project would make synth quadratic in the number of projects).
 */
const namesByStack = new WeakMap<Stack, Map<string, string[]>>();

type NameKind = 'projectName' | 'publishedName';

function register(kind: NameKind, scope: IConstruct, name: string): void {
  const stack = Stack.of(scope);
  let names = namesByStack.get(stack);
  if (!names) {
    names = new Map();
    namesByStack.set(stack, names);
  }
  const key = `${kind}:${name}`;
  const paths = names.get(key) ?? [];
  paths.push(scope.node.path);
  names.set(key, paths);
}

function others(kind: NameKind, scope: IConstruct, name: string): string[] {
  const paths = namesByStack.get(Stack.of(scope))?.get(`${kind}:${name}`) ?? [];
  return paths.filter((p) => p !== scope.node.path);
}

/** Records that the project at `scope` uses `name` in its stack. */
export function registerProjectName(scope: IConstruct, name: string): void {
  register('projectName', scope, name);
}

/** The paths of the other projects in `scope`'s stack that use `name`. */
export function otherProjectsNamed(scope: IConstruct, name: string): string[] {
  return others('projectName', scope, name);
}

/** Records that the project at `scope` publishes its exports and parameters under `name`. */
export function registerPublishedName(scope: IConstruct, name: string): void {
  register('publishedName', scope, name);
}

/** The paths of the other projects in `scope`'s stack that publish under `name`. */
export function otherProjectsPublishedAs(scope: IConstruct, name: string): string[] {
  return others('publishedName', scope, name);
}
