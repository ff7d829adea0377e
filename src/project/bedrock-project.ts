import { Annotations, ArnFormat, CfnResource, ITaggableV2, Lazy, RemovalPolicy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { DataRetention } from './data-retention';
import { pinLogicalIdAtSynth } from './logical-id-pinning';
import { mantleBaseUrl, setOpenAiEnvironment } from './openai-environment';
import { announceProject } from './project-hooks';
import { otherProjectsNamed, otherProjectsPublishedAs, registerProjectName, registerPublishedName } from './project-name-registry';
import { projectNameProblems } from './project-name-rules';
import { parameterPathOf, publishedNameProblems, publishProject } from './project-outputs';
import { ProjectProvider } from './project-provider';
import { projectArnProblems, projectIdProblems } from './project-reference-rules';
import { OWNERSHIP_TAG_KEY, ProjectRemovalPolicy } from './resource-contract';
import { arnParameterName, idParameterName } from './ssm-parameter-names';
import { checkStackLimits } from './stack-limits';
import { MAX_TAGS_PER_PROJECT, TagProblemLevel, TagTaxonomy } from '../taxonomy';

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
   * The OpenAI-compatible endpoint of the project's region,
   * `https://bedrock-mantle.<region>.api.aws/v1`, for the OpenAI SDKs' `baseURL`
   * (environment variable `OPENAI_BASE_URL`).
   */
  readonly openAiBaseUrl: string;

  /**
   * Lets `grantee` run inference in this project and nowhere else
   * (`bedrock-mantle:CreateInference` on the project's ARN).
   */
  grantInference(grantee: iam.IGrantable): iam.Grant;

  /**
   * Makes `fn` use this project: sets `OPENAI_BASE_URL` to {@link openAiBaseUrl} and
   * `OPENAI_PROJECT_ID` to the project ID, which the OpenAI SDKs read, and grants inference in
   * the project to the function's role.
   *
   * A function has one `OPENAI_PROJECT_ID`, so configuring it for a second project fails; use
   * `grantInference` for further projects.
   */
  configureFunction(fn: lambda.Function): iam.Grant;
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
   * outside CloudFormation are kept. Removing a mode that was set returns the project to `inherit`.
   */
  readonly dataRetention?: DataRetention;

  /**
   * What happens to the project when it leaves the stack.
   *
   * `RETAIN` leaves the project active and untouched. `DESTROY` archives it, which is
   * irreversible: an archived project accepts no inference and cannot be restored.
   * `RETAIN_ON_UPDATE_OR_DELETE` keeps it like `RETAIN`, except that a project made by a
   * deployment that rolls back is archived (CloudFormation's `RetainExceptOnCreate`); one that
   * deployment only took back by its ownership mark is kept.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Whether to emit the project's ID as a stack output, exported as
   * `<stackName>:<publishedName>:ProjectId`.
   *
   * Characters that export names do not allow become `-`, and a name that had to change gets a
   * hash of the original appended, so `My Project` and `My-Project` never share an export.
   * Each project adds one output (two with `arnOutput`); CloudFormation allows 200 per stack.
   *
   * @default true
   */
  readonly outputs?: boolean;

  /**
   * Also emit the project's ARN as a stack output, exported as
   * `<stackName>:<publishedName>:ProjectArn`. The ARN follows from the ID, the account, the
   * region and the partition (`BedrockProject.fromProjectId` derives it), so most consumers need
   * only the ID output.
   *
   * @default false
   */
  readonly arnOutput?: boolean;

  /**
   * The name the project's exports and SSM parameters are published under, in place of the
   * construct id. Consumers read these names, so they must not change when the project is
   * renamed: the default, the construct id, does not change with `projectName`. Set this to
   * keep the names a project already published when its construct id changes.
   *
   * @default - the construct id
   */
  readonly publishedName?: string;

  /**
   * Also writes the project's ID and ARN as SSM String parameters
   * `<ssmParameterPrefix>/<publishedName>/id` and `<ssmParameterPrefix>/<publishedName>/arn`,
   * which stacks of other apps read with `BedrockProject.fromSsmParameters`.
   *
   * The prefix is a path such as `/bedrock-projects/prod`. Characters of the published name that
   * parameter names do not allow become `-`, with a hash of the name appended.
   *
   * @default - no SSM parameters are written
   */
  readonly ssmParameterPrefix?: string;
}

/**
 * What identifies a project that another stack or app declared.
 */
export interface BedrockProjectAttributes {
  /**
   * The project's ID, for example `proj_5d5ykleja6cwpirysbb7`.
   */
  readonly projectId: string;

  /**
   * The project's ARN. Give it when the project lives in another region; the endpoint URL then
   * follows the ARN's region. (A project in another account gets a synth-time warning: AWS
   * documents no cross-account use of projects.)
   *
   * @default - `arn:<partition>:bedrock-mantle:<region>:<account>:project/<projectId>` with the
   * partition, region and account of the importing stack
   */
  readonly projectArn?: string;

  /**
   * The project's name, used in messages.
   *
   * @default - unknown
   */
  readonly projectName?: string;
}

/**
 * Where a `BedrockProject` with `ssmParameterPrefix` wrote its ID and ARN.
 */
export interface BedrockProjectSsmParameters {
  /**
   * The `ssmParameterPrefix` of the project, for example `/bedrock-projects/prod`.
   */
  readonly ssmParameterPrefix: string;

  /**
   * The name the project published its parameters under: its `publishedName`, by default its
   * construct id (a `ProjectPortfolio` row publishes under its `id`, by default its project name).
   *
   * @default - `projectName`
   */
  readonly publishedName?: string;

  /**
   * The project's name, used in messages, and the published name when `publishedName` is not
   * given. Give one of the two.
   *
   * @default - unknown; then `publishedName` is required
   */
  readonly projectName?: string;
}

/**
 * The shared half of declared and imported projects.
 */
export abstract class BedrockProjectBase extends Resource implements IBedrockProject {
  public abstract readonly projectId: string;
  public abstract readonly projectArn: string;

  public get openAiBaseUrl(): string {
    // Projects are regional, so the endpoint is the project's region, not the caller's.
    return mantleBaseUrl(this.env.region);
  }

  public grantInference(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['bedrock-mantle:CreateInference'],
      resourceArns: [this.projectArn],
    });
  }

  public configureFunction(fn: lambda.Function): iam.Grant {
    setOpenAiEnvironment(fn, this.node.path, this.openAiBaseUrl, this.projectId);
    return this.grantInference(fn);
  }
}

/** A project declared elsewhere, known by its ID and ARN. */
class ImportedBedrockProject extends BedrockProjectBase {
  public readonly projectId: string;
  public readonly projectArn: string;

  /**
   * @param arnGivesEnvironment whether the project's account and region come from the ARN
   * (an ARN given by the user may name another region, and the endpoint must follow it) or are
   * the importing stack's
   */
  public constructor(scope: Construct, id: string, attrs: BedrockProjectAttributes, arnGivesEnvironment: boolean) {
    super(scope, id, { environmentFromArn: arnGivesEnvironment ? attrs.projectArn : undefined });
    this.projectId = attrs.projectId;
    this.projectArn = attrs.projectArn ?? Stack.of(this).formatArn({
      service: 'bedrock-mantle',
      resource: 'project',
      resourceName: attrs.projectId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const problems = [
      ...projectIdProblems(attrs.projectId),
      ...(attrs.projectArn === undefined ? [] : projectArnProblems(attrs.projectArn, attrs.projectId)),
    ];
    const subject = attrs.projectName === undefined ? 'imported Bedrock project' : `imported Bedrock project '${attrs.projectName}'`;
    if (problems.length > 0) {
      throw new Error(`${this.node.path}: ${subject}: ${problems.join('; ')}`);
    }
    this.warnIfInAnotherAccount(subject);
  }

  /**
   * Inference is signed with the caller's own credentials and names the project by its ID alone;
   * AWS documents no way to share a project with another account, so a grant on one there most
   * likely lets nothing through. A warning rather than an error, in case AWS adds sharing.
   */
  private warnIfInAnotherAccount(subject: string): void {
    const projectAccount = this.env.account;
    const stackAccount = Stack.of(this).account;
    if (Token.isUnresolved(projectAccount) || Token.isUnresolved(stackAccount) || projectAccount === stackAccount) {
      return;
    }
    Annotations.of(this).addWarningV2('cdk-bedrock-projects:projectInAnotherAccount',
      `${subject}: project ARN '${this.projectArn}' is in account ${projectAccount}, not in this stack's account ${stackAccount}. `
      + 'Bedrock projects are used with the caller\'s own account; AWS documents no cross-account use. Use a project of this stack\'s account.');
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
  /**
   * A project known by its ID, in the importing stack's account and region.
   *
   * @param scope the scope of the imported project
   * @param id the construct id
   * @param projectId the project ID, for example `proj_5d5ykleja6cwpirysbb7` or a token
   */
  public static fromProjectId(scope: Construct, id: string, projectId: string): IBedrockProject {
    return new ImportedBedrockProject(scope, id, { projectId }, false);
  }

  /**
   * A project known by its ID and, optionally, its ARN (for a project in another region).
   *
   * @param scope the scope of the imported project
   * @param id the construct id
   * @param attrs the project's ID, ARN and name
   */
  public static fromProjectAttributes(scope: Construct, id: string, attrs: BedrockProjectAttributes): IBedrockProject {
    return new ImportedBedrockProject(scope, id, attrs, true);
  }

  /**
   * A project whose ID and ARN a stack of another app wrote as SSM parameters
   * (`ssmParameterPrefix`). CloudFormation reads the parameters when the importing stack is
   * deployed, so it must be deployed in the same account and region, after the project's stack.
   *
   * @param scope the scope of the imported project
   * @param id the construct id
   * @param location the prefix and the published name the parameters were written under
   */
  public static fromSsmParameters(scope: Construct, id: string, location: BedrockProjectSsmParameters): IBedrockProject {
    const publishedName = location.publishedName ?? location.projectName;
    if (publishedName === undefined) {
      throw new Error(`${scope.node.path}/${id}: give the publishedName (or projectName) the project's SSM parameters were written under`);
    }
    const path = parameterPathOf(scope, location.ssmParameterPrefix, publishedName);
    checkStackLimits(scope, PROJECT_RESOURCE_TYPE);
    // SSM parameters are regional and per account, so the project is in the importing stack's
    // account and region; taking them from the stack keeps the endpoint URL readable.
    return new ImportedBedrockProject(scope, id, {
      projectId: ssm.StringParameter.valueForStringParameter(scope, idParameterName(path)),
      projectArn: ssm.StringParameter.valueForStringParameter(scope, arnParameterName(path)),
      projectName: location.projectName,
    }, false);
  }

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

  /** Whether the project is archived (DESTROY), left alone (RETAIN), or archived only when its creation rolls back (RETAIN_ON_UPDATE_OR_DELETE). */
  public readonly removalPolicy: RemovalPolicy;

  /** Tags of the project; `Tags.of(scope).add(...)` reaches them. */
  public readonly cdkTagManager: TagManager;

  /**
   * The name the project's exports and SSM parameters are published under (`publishedName`, by
   * default the construct id); it does not change when the project is renamed.
   */
  public readonly publishedName: string;

  /**
   * The export name of the project ID output, for `Fn.importValue` in stacks of other apps.
   *
   * @default - no outputs (`outputs: false`)
   */
  public readonly projectIdExportName?: string;

  /**
   * The export name of the project ARN output.
   *
   * @default - no ARN output (`arnOutput` unset or `outputs: false`)
   */
  public readonly projectArnExportName?: string;

  /**
   * The SSM path holding the project's `id` and `arn` parameters,
   * `<ssmParameterPrefix>/<publishedName>`.
   *
   * @default - no parameters (no `ssmParameterPrefix`)
   */
  public readonly ssmParameterPath?: string;

  public constructor(scope: Construct, id: string, props: BedrockProjectProps) {
    super(scope, id);
    this.projectName = props.projectName;
    this.taxonomy = props.taxonomy;
    this.dataRetention = props.dataRetention;
    this.removalPolicy = normalizeRemovalPolicy(this, props.removalPolicy);
    this.cdkTagManager = new TagManager(TagType.MAP, PROJECT_RESOURCE_TYPE, props.tags);

    this.publishedName = props.publishedName ?? this.node.id;
    const publishedProblems = publishedNameProblems(this.publishedName);
    if (publishedProblems.length > 0) {
      throw new Error(`${this.node.path}: ${publishedProblems.join('; ')}`);
    }
    if (!Token.isUnresolved(props.projectName)) {
      registerProjectName(this, props.projectName);
    }
    announceProject(this);

    // The CloudFormation resource itself, without a CustomResource wrapper: one construct less
    // per project, and `node.defaultChild` is the CfnResource that escape hatches want.
    const resource = new CfnResource(this, 'Resource', {
      type: PROJECT_RESOURCE_TYPE,
      properties: {
        ServiceToken: ProjectProvider.of(this).serviceToken,
        ProjectName: props.projectName,
        // Cached: rendered once, at the first resolution, after every Tags.of(scope) aspect ran.
        Tags: Lazy.any({ produce: () => this.cdkTagManager.renderTags() ?? {} }),
        DataRetention: props.dataRetention?.mode,
        RemovalPolicy: handlerRemovalPolicy(this.removalPolicy),
      },
    });
    // CloudFormation's own DeletionPolicy agrees with the handler's, so a retained project
    // is left alone even if the handler were never called.
    resource.applyRemovalPolicy(this.removalPolicy, { default: RemovalPolicy.DESTROY });
    pinLogicalIdAtSynth(resource);

    this.projectId = Token.asString(resource.getAtt('ProjectId'));
    this.projectArn = Token.asString(resource.getAtt('ProjectArn'));

    const published = publishProject(this, {
      projectName: props.projectName,
      publishedName: this.publishedName,
      projectId: this.projectId,
      projectArn: this.projectArn,
      outputs: props.outputs ?? true,
      arnOutput: props.arnOutput ?? false,
      ssmParameterPrefix: props.ssmParameterPrefix,
    });
    registerPublishedName(this, this.publishedName);
    this.projectIdExportName = published.projectIdExportName;
    this.projectArnExportName = published.projectArnExportName;
    this.ssmParameterPath = published.ssmParameterPath;

    this.node.addValidation({ validate: () => this.validateProject() });
    checkStackLimits(this, PROJECT_RESOURCE_TYPE);
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
    const samePublished = otherProjectsPublishedAs(this, this.publishedName);
    if (samePublished.length > 0) {
      errors.push(`${subject}: another project in this stack publishes its exports and SSM parameters under the same name '${this.publishedName}' (${samePublished.join(', ')}); give each project a unique construct id or publishedName`);
    }

    const tags = this.tags;
    if (Object.hasOwn(tags, OWNERSHIP_TAG_KEY)) {
      errors.push(`${subject}: tag key '${OWNERSHIP_TAG_KEY}' is reserved: the provider uses it to recognise the projects it owns; remove it`);
    }
    const taxonomy = this.taxonomy ?? new TagTaxonomy({ keys: [] });
    for (const problem of taxonomy._validate(tags, subject, {
      // The provider adds its ownership tag to every project, which takes one of AWS's 200.
      max: MAX_TAGS_PER_PROJECT - 1,
      reason: ` (the provider adds its ownership tag '${OWNERSHIP_TAG_KEY}' to the 200 AWS allows)`,
    })) {
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
    case RemovalPolicy.RETAIN:
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return policy ?? RemovalPolicy.RETAIN;
    default:
      throw new Error(`${scope.node.path}: removalPolicy ${policy} is not supported by Bedrock projects, which have no snapshots; use RemovalPolicy.RETAIN (keep the project), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (keep it unless its creation rolls back) or RemovalPolicy.DESTROY (archive it)`);
  }
}

/**
 * The policy the handler applies to a Delete. CloudFormation's DeletionPolicy agrees with it, so
 * under `RetainExceptOnCreate` the only Delete the handler is sent is the rollback of the creation.
 */
function handlerRemovalPolicy(policy: RemovalPolicy): ProjectRemovalPolicy {
  switch (policy) {
    case RemovalPolicy.DESTROY:
      return 'destroy';
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return 'retain-except-on-create';
    default:
      return 'retain';
  }
}
