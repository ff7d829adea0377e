import { IConstruct } from 'constructs';

/** Something another capability does with every declared project. */
export type ProjectHook = (project: IConstruct) => void;

const hooks: ProjectHook[] = [];

/**
 * Registers `hook` to be called with every `BedrockProject` constructed from now on.
 *
 * Capabilities that build on projects (the tag policy writes a file into the cloud assembly of
 * every Stage holding one) register here, so that dependencies point from them to projects and
 * never back: a project does not know who is listening.
 */
export function onEveryProject(hook: ProjectHook): void {
  if (!hooks.includes(hook)) {
    hooks.push(hook);
  }
}

/** Called once by each `BedrockProject` at the end of its constructor. */
export function announceProject(project: IConstruct): void {
  for (const hook of hooks) {
    hook(project);
  }
}
