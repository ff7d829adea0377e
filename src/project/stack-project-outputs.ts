import { CfnElement, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { finalLogicalId } from './logical-id-pinning';

/** One stack output a project publishes. */
export interface ProjectOutput {
  /** The construct the output belongs to, the project. */
  readonly owner: IConstruct;
  /** The output's id below its owner, for example `ProjectIdOutput`. */
  readonly id: string;
  readonly description: string;
  /** The value: an attribute of the project's CloudFormation resource. */
  readonly value: AttributeOf;
  readonly exportName: string;
}

/** An attribute of a resource of the same stack, rendered as `Fn::GetAtt`. */
export interface AttributeOf {
  readonly resource: CfnElement;
  readonly attribute: string;
}

/** The construct id of the element, one per stack. */
const ELEMENT_ID = 'BedrockProjectOutputs';

/**
 * Writes the outputs of every project of a stack, in place of one `CfnOutput` construct per
 * output.
 *
 * A `CfnOutput` per project is a construct per project that CDK creates, validates, walks,
 * records in the tree and resolves on its own; for a stack of many projects that doubled the
 * synth work per project. This element renders exactly what those `CfnOutput`s rendered:
 * the same logical IDs (those of `<project path>/<output id>`, with `Stack.renameLogicalId`
 * applied), descriptions, values and export names. The values are written as `Fn::GetAtt` of
 * the resource's final logical ID rather than through a token per output: the resource is in
 * this stack, so there is no cross-stack reference for CDK to find in them.
 */
export class StackProjectOutputs extends CfnElement {
  /** The stack's element, made on first use. */
  public static of(scope: IConstruct): StackProjectOutputs {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(ELEMENT_ID);
    return existing instanceof StackProjectOutputs ? existing : new StackProjectOutputs(stack, ELEMENT_ID);
  }

  private readonly entries: ProjectOutput[] = [];

  /**
   * Each output's logical ID, allocated at the first rendering of the synthesis (CDK renders the
   * template twice) and kept, as the library's other logical IDs are (see logical-id-pinning).
   */
  private readonly logicalIds = new Map<ProjectOutput, string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Adds an output to the stack's template. */
  public add(output: ProjectOutput): void {
    this.entries.push(output);
  }

  /** Every output, with the construct path a `CfnOutput` of it would have, for the stack checks. */
  public get outputs(): Array<{ readonly path: string; readonly exportName: string }> {
    return this.entries.map((o) => ({ path: `${o.owner.node.path}/${o.id}`, exportName: o.exportName }));
  }

  /** @internal */
  public _toCloudFormation(): object {
    const outputs: { [logicalId: string]: object } = {};
    for (const output of this.entries) {
      outputs[this.logicalIdOf(output)] = {
        Description: output.description,
        Value: { 'Fn::GetAtt': [finalLogicalId(output.value.resource), output.value.attribute] },
        Export: { Name: output.exportName },
      };
    }
    return { Outputs: outputs };
  }

  /**
   * The logical ID CDK gives an element at `<owner path>/<id>`: the stack allocates it from the
   * element's path (its `allocateLogicalId`, which subclasses may override, reads the path
   * through `node`) and applies `renameLogicalId`. No element exists at that path, so the stack
   * is handed a view of one.
   */
  private logicalIdOf(output: ProjectOutput): string {
    let logicalId = this.logicalIds.get(output);
    if (logicalId === undefined) {
      logicalId = this.allocateLogicalId(output);
      this.logicalIds.set(output, logicalId);
    }
    return logicalId;
  }

  private allocateLogicalId(output: ProjectOutput): string {
    const path = `${output.owner.node.path}/${output.id}`;
    const scopes = [...output.owner.node.scopes, { node: { id: output.id, path } }];
    const view = { node: { id: output.id, path, scopes }, stack: this.stack };
    return this.stack.getLogicalId(view as unknown as CfnElement);
  }
}
