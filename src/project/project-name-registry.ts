import { Stack, Token } from 'aws-cdk-lib';
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

/** A project of the app, with the stack it deploys in. */
interface NamedProject {
  readonly path: string;
  readonly stack: Stack;
}

/**
 * The projects of each app by account, region and name. Two stacks deploying to one account and
 * region would make two projects of one name there, which the Projects API allows, and which
 * splits a team's usage and reports between look-alikes.
 */
const namesByApp = new WeakMap<IConstruct, Map<string, NamedProject[]>>();

/** The app-wide key of a project name, or undefined when the stack's environment is not known. */
function environmentKey(stack: Stack, name: string): string | undefined {
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
    return undefined;
  }
  return JSON.stringify([stack.account, stack.region, name]);
}

/** Records that the project at `scope` uses `name` in its stack's account and region. */
export function registerProjectNameInApp(scope: IConstruct, name: string): void {
  const stack = Stack.of(scope);
  const key = environmentKey(stack, name);
  if (key === undefined) {
    return;
  }
  let names = namesByApp.get(scope.node.root);
  if (!names) {
    names = new Map();
    namesByApp.set(scope.node.root, names);
  }
  names.set(key, [...names.get(key) ?? [], { path: scope.node.path, stack }]);
}

/** The paths of the projects of other stacks of the app that use `name` in the same account and region. */
export function projectsNamedInOtherStacks(scope: IConstruct, name: string): string[] {
  const stack = Stack.of(scope);
  const key = environmentKey(stack, name);
  if (key === undefined) {
    return [];
  }
  return (namesByApp.get(scope.node.root)?.get(key) ?? []).filter((p) => p.stack !== stack).map((p) => p.path);
}
