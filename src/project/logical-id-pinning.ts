import { AspectPriority, Aspects, CfnElement, IAspect, Stack } from 'aws-cdk-lib';

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
 * An element that can tell its final logical ID without a token being resolved: the library's
 * own resources, which remember their `overrideLogicalId`.
 */
export interface LogicalIdSource {
  logicalIdAtSynth(): string;
}

/** The logical ID each pinned element was given. */
const pinnedIds = new WeakMap<CfnElement, string>();

/**
 * The logical ID `element` has in its template: the pinned one once synthesis has begun, read
 * without resolving a token; otherwise the one CDK resolves.
 */
export function finalLogicalId(element: CfnElement): string {
  return pinnedIds.get(element) ?? element.stack.resolve(element.logicalId);
}

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
    // On the stack's first pinned element, a leaf: CDK visits it once, where an aspect on the
    // stack would be called for every construct in it.
    Aspects.of(element).add(new PinLogicalIds(stack), { priority: AspectPriority.READONLY });
  }
  elements.push(element);
}

class PinLogicalIds implements IAspect {
  public constructor(private readonly stack: Stack) {}

  public visit(): void {
    for (const element of pinnedByStack.get(this.stack) ?? []) {
      const logicalId = isLogicalIdSource(element) ? element.logicalIdAtSynth() : this.stack.resolve(element.logicalId);
      try {
        element.overrideLogicalId(logicalId);
      } catch {
        // `Stack.exportValue` locked the ID (to the same value): it stays as CDK computes it.
      }
      pinnedIds.set(element, logicalId);
    }
  }
}

function isLogicalIdSource(element: CfnElement): element is CfnElement & LogicalIdSource {
  return typeof (element as Partial<LogicalIdSource>).logicalIdAtSynth === 'function';
}
