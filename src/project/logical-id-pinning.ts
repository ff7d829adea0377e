import { AspectPriority, Aspects, CfnElement, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The library's CloudFormation elements of each stack whose logical IDs are computed once per
 * synthesis.
 *
 * CDK computes a logical ID (a walk up the construct path and an MD5 hash) every time a token
 * that names the element is resolved, and the template is resolved twice (once to find
 * cross-stack references, once to render it), so an element referenced by several others pays
 * for its ID many times: a project's ID is read by its output, its SSM parameter and the grants
 * made on it, and the provider's function by every project's service token.
 */
const pinnedByStack = new WeakMap<Stack, CfnElement[]>();

/**
 * Fixes `element`'s logical ID when synthesis begins, to exactly the ID CDK would give it:
 * after every aspect that may rename or override it (this one runs last, as a read-only aspect),
 * before the first resolution of the template. An `overrideLogicalId` or `renameLogicalId` made
 * before synthesis is kept, since the pinned value is the one CDK itself resolves.
 */
export function pinLogicalIdAtSynth(element: CfnElement): void {
  const stack = element.stack;
  let elements = pinnedByStack.get(stack);
  if (!elements) {
    elements = [];
    pinnedByStack.set(stack, elements);
    Aspects.of(stack).add(new PinLogicalIds(stack), { priority: AspectPriority.READONLY });
  }
  elements.push(element);
}

class PinLogicalIds implements IAspect {
  public constructor(private readonly stack: Stack) {}

  public visit(node: IConstruct): void {
    // Applied to the stack, so the stack is visited first; its descendants need nothing.
    if (node !== this.stack) {
      return;
    }
    for (const element of pinnedByStack.get(this.stack) ?? []) {
      const logicalId = this.stack.resolve(element.logicalId);
      try {
        element.overrideLogicalId(logicalId);
      } catch {
        // `Stack.exportValue` locked the ID (to the same value): it stays as CDK computes it.
      }
    }
  }
}
