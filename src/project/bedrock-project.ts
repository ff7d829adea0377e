import { Annotations, CustomResource, ITaggableV2, Lazy, RemovalPolicy, Resource, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DataRetention } from './data-retention';
import { otherProjectsNamed, registerProjectName } from './project-name-registry';
import { projectNameProblems } from './project-name-rules';
import { ProjectProvider } from './project-provider';
import { OWNERSHIP_TAG_KEY } from './ownership-mark';
import { TagProblemLevel, TagTaxonomy } from '../taxonomy';

/** The CloudFormation type of the resources this construct renders; it can never change. */
export const PROJECT_RESOURCE_TYPE = 'Custom::BedrockProject';

/**
 * A Bedrock project, declared in this app or imported.
 */
export interface IBedrockProject {
  /**
   * The project's ID, for example `proj_5d5ykleja6cwpirysbb7`; applications send it in the
   * `OpenAI-Project` header.
   *
   * @attribute
   */
  readonly projectId: string;

  /**
   * The project's ARN, `arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`.
   *
   * @attribute
   */
  readonly projectArn: string;

  /**
   * Lets `grantee` run inference in this project and nowhere else
   * (`bedrock-mantle:CreateInference` on the project's ARN).
   */
  grantInference(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Properties of a {@link BedrockProject}.
 */
export interface BedrockProjectProps {
  /**
   * The project's name: 1 to 127 characters with at least one that is not a space.
   * Unique within the stack.
   */
  readonly projectName: string;

  /**
   * The project's tags. Tags added with `Tags.of(scope).add(...)` are merged in and win on
   * conflicts, as for native resources.
   *
   * @default - only the tags added with `Tags.of(scope)`
   */
  readonly tags?: { [key: string]: string };

  /**
   * The taxonomy the final tag set (after `Tags.of(scope)`) must satisfy; synthesis fails on
   * any violation. AWS's own tag rules are checked with or without a taxonomy.
   *
   * @default - only AWS's tag rules are checked
   */
  readonly taxonomy?: TagTaxonomy;

  /**
   * How Bedrock retains the data of requests made through the project.
   *
   * @default - not managed: the service's default (`inherit`) applies and changes made
   * outside CloudFormation are kept
   */
  readonly dataRetention?: DataRetention;

  /**
   * What happens to the project when it leaves the stack.
   *
   * `RETAIN` leaves the project active and untouched. `DESTROY` archives it, which is
   * irreversible: an archived project accepts no inference and cannot be restored.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The shared half of declared and imported projects.
 */
export abstract class BedrockProjectBase extends Resource implements IBedrockProject {
  public abstract readonly projectId: string;
  public abstract readonly projectArn: string;

  public grantInference(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['bedrock-mantle:CreateInference'],
      resourceArns: [this.projectArn],
    });
  }
}

/**
 * An Amazon Bedrock project, provisioned through the Projects API by a custom resource and
 * tagged with a tag set that is checked at synth time.
 *
 * @example
 * const taxonomy = TagTaxonomy.example();
 * new BedrockProject(this, 'Chatbot', {
 *   projectName: 'CustomerChatbot-Prod',
 *   taxonomy,
 *   tags: {
 *     Application: 'CustomerChatbot',
 *     Environment: 'Production',
 *     Team: 'CustomerExperience',
 *     CostCenter: 'CC-1001',
 *   },
 * });
 */
export class BedrockProject extends BedrockProjectBase implements ITaggableV2 {
  /** @attribute */
  public readonly projectId: string;

  /** @attribute */
  public readonly projectArn: string;

  /** The project's name. */
  public readonly projectName: string;

  /** The taxonomy the project's tags are checked against, if any. */
  public readonly taxonomy?: TagTaxonomy;

  /** The project's data retention mode, if the stack manages it. */
  public readonly dataRetention?: DataRetention;

  /** Whether the project is archived (DESTROY) or left alone (RETAIN) when it leaves the stack. */
  public readonly removalPolicy: RemovalPolicy;

  /** Tags of the project; `Tags.of(scope).add(...)` reaches them. */
  public readonly cdkTagManager: TagManager;

  public constructor(scope: Construct, id: string, props: BedrockProjectProps) {
    super(scope, id);
    this.projectName = props.projectName;
    this.taxonomy = props.taxonomy;
    this.dataRetention = props.dataRetention;
    this.removalPolicy = normalizeRemovalPolicy(this, props.removalPolicy);
    this.cdkTagManager = new TagManager(TagType.MAP, PROJECT_RESOURCE_TYPE, props.tags);

    if (!Token.isUnresolved(props.projectName)) {
      registerProjectName(this, props.projectName);
    }

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: ProjectProvider.of(this).serviceToken,
      resourceType: PROJECT_RESOURCE_TYPE,
      properties: {
        ProjectName: props.projectName,
        Tags: Lazy.any({ produce: () => this.cdkTagManager.renderTags() ?? {} }),
        DataRetention: props.dataRetention?.mode,
        RemovalPolicy: this.removalPolicy === RemovalPolicy.DESTROY ? 'destroy' : 'retain',
      },
      // CloudFormation's own DeletionPolicy agrees with the handler's, so a retained project
      // is left alone even if the handler were never called.
      removalPolicy: this.removalPolicy,
    });

    this.projectId = resource.getAttString('ProjectId');
    this.projectArn = resource.getAttString('ProjectArn');

    this.node.addValidation({ validate: () => this.validateProject() });
  }

  /** The project's final tags (after `Tags.of(scope)`), key to value. */
  public get tags(): { [key: string]: string } {
    return this.cdkTagManager.tagValues();
  }

  private validateProject(): string[] {
    const errors: string[] = [];
    const name = this.projectName;
    const subject = Token.isUnresolved(name) ? 'Bedrock project' : `Bedrock project '${name}'`;

    if (!Token.isUnresolved(name)) {
      errors.push(...projectNameProblems(name).map((p) => `${subject}: ${p}`));
      const others = otherProjectsNamed(this, name);
      if (others.length > 0) {
        errors.push(`${subject}: another project in this stack has the same name (${others.join(', ')}); give each project a unique projectName`);
      }
    }

    const tags = this.tags;
    if (OWNERSHIP_TAG_KEY in tags) {
      errors.push(`${subject}: tag key '${OWNERSHIP_TAG_KEY}' is reserved: the provider uses it to recognise the projects it owns; remove it`);
    }
    const taxonomy = this.taxonomy ?? new TagTaxonomy({ keys: [] });
    for (const problem of taxonomy.validate(tags, subject)) {
      if (problem.level === TagProblemLevel.ERROR) {
        errors.push(problem.message);
      } else {
        Annotations.of(this).addWarningV2(`cdk-bedrock-projects:unresolvedTag:${problem.key}`, problem.message);
      }
    }
    return errors;
  }
}

function normalizeRemovalPolicy(scope: Construct, policy: RemovalPolicy | undefined): RemovalPolicy {
  switch (policy ?? RemovalPolicy.RETAIN) {
    case RemovalPolicy.DESTROY:
      return RemovalPolicy.DESTROY;
    case RemovalPolicy.RETAIN:
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return RemovalPolicy.RETAIN;
    default:
      throw new Error(`${scope.node.path}: removalPolicy ${policy} is not supported by Bedrock projects, which have no snapshots; use RemovalPolicy.RETAIN (keep the project) or RemovalPolicy.DESTROY (archive it)`);
  }
}
