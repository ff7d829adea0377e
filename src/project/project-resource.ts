import { CfnResource, TagManager } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LogicalIdSource } from './logical-id-pinning';
import type { ProjectProvider } from './project-provider';
import { ProjectRemovalPolicy } from './resource-contract';

/** The CloudFormation type of a project's resource; it can never change. */
export const PROJECT_RESOURCE_TYPE = 'Custom::BedrockProject';

/** What a project's `Custom::BedrockProject` resource carries to the handler. */
export interface ProjectResourceProps {
  /** The stack's provider, whose framework function is the service token. */
  readonly provider: ProjectProvider;
  /** The project's name, `ProjectName` to the handler. */
  readonly projectName: string;
  /** The project's tags, rendered when the template is: after every `Tags.of(scope)` aspect ran. */
  readonly tags: TagManager;
  /**
   * The data retention mode, `DataRetention` to the handler.
   * @default - the stack does not manage it (the property is left out)
   */
  readonly dataRetention?: string;
  /** What the handler does with the project on Delete, `RemovalPolicy` to the handler. */
  readonly removalPolicy: ProjectRemovalPolicy;
}

/**
 * The `Custom::BedrockProject` resource of one project.
 *
 * Its properties are rendered when the template is, as plain values, the way CDK's own L1
 * classes render theirs: a `Lazy` for the tags and one for the service token would be two more
 * tokens per project that CDK registers at construction and resolves in each of the two passes
 * of synthesis. It also remembers an `overrideLogicalId`, so that its final logical ID can be
 * read without resolving a token (see `logical-id-pinning.ts`).
 */
export class ProjectResource extends CfnResource implements LogicalIdSource {
  private readonly spec: ProjectResourceProps;
  private renderedTags?: { [key: string]: string };
  private logicalIdOverride?: string;

  public constructor(scope: Construct, id: string, props: ProjectResourceProps) {
    super(scope, id, { type: PROJECT_RESOURCE_TYPE });
    this.spec = props;
  }

  public overrideLogicalId(newLogicalId: string): void {
    super.overrideLogicalId(newLogicalId);
    this.logicalIdOverride = newLogicalId;
  }

  /** The logical ID CDK gives this resource: the override if any (as CDK, an empty one is none), else the stack's. */
  public logicalIdAtSynth(): string {
    return this.logicalIdOverride ? this.logicalIdOverride : this.stack.getLogicalId(this);
  }

  protected get cfnProperties(): { [key: string]: any } {
    return {
      ServiceToken: this.spec.provider.serviceTokenValue(),
      ProjectName: this.spec.projectName,
      // Rendered once, at the first rendering, which comes after the aspects.
      Tags: this.renderedTags ??= this.spec.tags.renderTags() ?? {},
      DataRetention: this.spec.dataRetention,
      RemovalPolicy: this.spec.removalPolicy,
    };
  }
}
