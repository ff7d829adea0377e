import { Annotations, ArnFormat, ITaggableV2, RemovalPolicy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as bedrockmantle from 'aws-cdk-lib/aws-bedrockmantle';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { CfnProjectOptions } from './cfn-project-options';
import { cfnProjectTags } from './cfn-project-tags';
import { DataRetention } from './data-retention';
import { pinLogicalIdAtSynth } from './logical-id-pinning';
import { mantleBaseUrl, setOpenAiEnvironment } from './openai-environment';
import { checkProjectEnvironment, markRegionStatedByArn } from './project-environment-check';
import { announceProject } from './project-hooks';
import { otherProjectsNamed, otherProjectsPublishedAs, projectsNamedInOtherStacks, registerProjectName, registerProjectNameInApp, registerPublishedName } from './project-name-registry';
import { projectNameProblems } from './project-name-rules';
import { parameterPathOf, publishedNameProblems, publishProject } from './project-outputs';
import { ProjectProvider } from './project-provider';
import { projectArnProblems, projectIdProblems } from './project-reference-rules';
import { PROJECT_RESOURCE_TYPE, ProjectResource } from './project-resource';
import { CREATE_REQUEST_TAG_KEY, OWNERSHIP_TAG_KEY, ProjectRemovalPolicy } from './resource-contract';
import { arnParameterName, idParameterName } from './ssm-parameter-names';
import { checkStackLimits } from './stack-limits';
import { CostBudget, CostBudgetOptions } from '../cost-controls/cost-budget';
import { EstimatedCostOptions, estimatedCostExpression } from '../monitoring/estimated-cost';
import { createSpendAlarm, SpendAlarmProps } from '../monitoring/spend-alarm';
import { knownAtSynth, MetricTarget, ProjectMetricOptions, projectUsageMetric, UsageMetricName } from '../monitoring/usage-metrics';
import { ProviderOptions } from '../providers/provider-options';
import { MAX_TAGS_PER_PROJECT, TagProblemLevel, TagTaxonomy } from '../taxonomy';
import { validationError } from '../validation-error';

// Still exported from here, where it was first defined, for code that imports it from the package.
export { PROJECT_RESOURCE_TYPE };

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
   *
   * A project is used from its own account and region: this fails when the grantee's stack is
   * in another account or region (a region named by an imported project's literal ARN excepted),
   * and warns when the account or region of either is not known at synth time.
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

  /**
   * A usage metric of the project from the `AWS/BedrockMantle` namespace (dimension `Project`,
   * and `Model` when `props.model` is given), summed, in the project's region and account.
   *
   * @param metricName for example `Inferences` or `TotalInputTokens`
   * @param props metric options, and a model to narrow the metric to
   */
  metric(
    metricName: string,
    /** @default - sum over 5 minutes, every model */
    props?: ProjectMetricOptions,
  ): cloudwatch.Metric;

  /**
   * The number of inference requests to the project.
   */
  metricInferences(
    /** @default - sum over 5 minutes, every model */
    props?: ProjectMetricOptions,
  ): cloudwatch.Metric;

  /**
   * The number of inference requests to the project that failed with a client error (4xx).
   */
  metricInferenceClientErrors(
    /** @default - sum over 5 minutes, every model */
    props?: ProjectMetricOptions,
  ): cloudwatch.Metric;

  /**
   * The input (prompt) tokens of the project's requests.
   */
  metricTotalInputTokens(
    /** @default - sum over 5 minutes, every model */
    props?: ProjectMetricOptions,
  ): cloudwatch.Metric;

  /**
   * The output (completion) tokens of the project's requests.
   */
  metricTotalOutputTokens(
    /** @default - sum over 5 minutes, every model */
    props?: ProjectMetricOptions,
  ): cloudwatch.Metric;

  /**
   * The project's spend estimated from its token metrics and the given prices, in US dollars per
   * period: a CloudWatch math expression, available minutes after use. It is an estimate from
   * your prices, not the bill; a `CostBudget` follows the billed figure, a day later.
   *
   * @param props the models' prices and the period
   */
  metricEstimatedCost(props: EstimatedCostOptions): cloudwatch.MathExpression;

  /**
   * An alarm that raises when the project's estimated spend over a window passes a threshold,
   * in the same hour a runaway job starts. The alarm is created in this construct's stack,
   * which must be in the project's region.
   *
   * @param id the alarm's construct id
   * @param props the threshold, window, prices and actions
   */
  addSpendAlarm(id: string, props: SpendAlarmProps): cloudwatch.Alarm;
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
   * follows the ARN's region. (A project in another account gets a synth-time warning, and
   * granting inference in it fails: AWS documents no cross-account use of projects.)
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
    checkProjectEnvironment({ construct: this, env: this.env, subject: this.describe() }, grantee);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['bedrock-mantle:CreateInference'],
      resourceArns: [this.projectArn],
    });
  }

  public configureFunction(fn: lambda.Function): iam.Grant {
    // Checked before the function's environment is changed.
    const grant = this.grantInference(fn);
    setOpenAiEnvironment(fn, this.node.path, this.openAiBaseUrl, this.projectId);
    return grant;
  }

  /** How messages name this project. */
  private describe(): string {
    const name = (this as { projectName?: string }).projectName;
    return name === undefined || Token.isUnresolved(name) ? 'Bedrock project' : `Bedrock project '${name}'`;
  }

  public metric(metricName: string, props?: ProjectMetricOptions): cloudwatch.Metric {
    return projectUsageMetric(this.metricTarget(), metricName, props);
  }

  public metricInferences(props?: ProjectMetricOptions): cloudwatch.Metric {
    return this.metric(UsageMetricName.INFERENCES, props);
  }

  public metricInferenceClientErrors(props?: ProjectMetricOptions): cloudwatch.Metric {
    return this.metric(UsageMetricName.INFERENCE_CLIENT_ERRORS, props);
  }

  public metricTotalInputTokens(props?: ProjectMetricOptions): cloudwatch.Metric {
    return this.metric(UsageMetricName.TOTAL_INPUT_TOKENS, props);
  }

  public metricTotalOutputTokens(props?: ProjectMetricOptions): cloudwatch.Metric {
    return this.metric(UsageMetricName.TOTAL_OUTPUT_TOKENS, props);
  }

  public metricEstimatedCost(props: EstimatedCostOptions): cloudwatch.MathExpression {
    return estimatedCostExpression(this.metricTarget(), props, this, 'estimated cost');
  }

  public addSpendAlarm(id: string, props: SpendAlarmProps): cloudwatch.Alarm {
    return createSpendAlarm(this, id, this.metricTarget(), props, this.describeForAlarm());
  }

  /** How alarm descriptions name the project. */
  protected describeForAlarm(): string {
    return Token.isUnresolved(this.projectId) ? `Bedrock project ${this.node.path}` : `Bedrock project ${this.projectId}`;
  }

  /**
   * The project's metrics are published in its own region and account: those of its ARN for an
   * imported project, of its stack for a declared one.
   */
  private metricTarget(): MetricTarget {
    // The account only when it is not the stack's: a dashboard or alarm then reads another
    // account's metrics, which needs CloudWatch cross-account observability.
    const account = this.env.account === Stack.of(this).account ? undefined : knownAtSynth(this.env.account);
    return { projectId: this.projectId, region: knownAtSynth(this.env.region), account };
  }
}

/** A project declared elsewhere, known by its ID and ARN. */
class ImportedBedrockProject extends BedrockProjectBase {
  public readonly projectId: string;
  public readonly projectArn: string;
  public readonly projectName?: string;

  /**
   * @param arnGivesEnvironment whether the project's account and region come from the ARN
   * (an ARN given by the user may name another region, and the endpoint must follow it) or are
   * the importing stack's
   */
  public constructor(scope: Construct, id: string, attrs: BedrockProjectAttributes, arnGivesEnvironment: boolean) {
    super(scope, id, { environmentFromArn: arnGivesEnvironment ? attrs.projectArn : undefined });
    this.projectId = attrs.projectId;
    this.projectName = attrs.projectName;
    if (arnGivesEnvironment && attrs.projectArn !== undefined && !Token.isUnresolved(attrs.projectArn)) {
      markRegionStatedByArn(this);
    }
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
      throw validationError(this, 'BedrockProjectImportInvalid', problems.map((p) => `${subject}: ${p}`));
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

/** The construct id, below a native project, of the library's view of it. */
const CFN_PROJECT_VIEW_ID = 'BedrockProject';

/**
 * A native `AWS::BedrockMantle::Project` seen through the library: its tags are checked against
 * a taxonomy at synth time, its ID and ARN can be published, and grants and function wiring work
 * as for a `BedrockProject`. It lives below the `CfnProject`, so its outputs carry its path.
 */
class CfnProjectView extends BedrockProjectBase {
  public readonly projectId: string;
  public readonly projectArn: string;

  public constructor(project: bedrockmantle.CfnProject, options: CfnProjectOptions) {
    super(project, CFN_PROJECT_VIEW_ID);
    // `Ref` of this type is documented both as the ARN and as the ID, so use the attributes.
    this.projectId = project.attrId;
    this.projectArn = project.attrArn;
    publishProject(this, {
      projectName: project.name,
      publishedName: options.publishedName ?? project.node.id,
      resource: project,
      idAttribute: 'Id',
      arnAttribute: 'Arn',
      project: this,
      outputs: options.outputs ?? false,
      arnOutput: options.arnOutput ?? false,
      ssmParameterPrefix: options.ssmParameterPrefix,
    });
    this.node.addValidation({ validate: () => this.validateTags(project, options.taxonomy) });
    checkStackLimits(this, PROJECT_RESOURCE_TYPE);
  }

  private validateTags(project: bedrockmantle.CfnProject, taxonomy: TagTaxonomy | undefined): string[] {
    const subject = Token.isUnresolved(project.name) ? 'Bedrock project' : `Bedrock project '${project.name}'`;
    const errors: string[] = [];
    for (const problem of (taxonomy ?? new TagTaxonomy({ keys: [] }))._validate(cfnProjectTags(project), subject)) {
      if (problem.level === TagProblemLevel.ERROR) {
        errors.push(problem.message);
      } else {
        Annotations.of(this).addWarningV2(`cdk-bedrock-projects:unresolvedTag:${problem.key}`, problem.message);
      }
    }
    return errors;
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
      throw validationError(scope, 'BedrockProjectImportInvalid', [`imported project '${id}': give the publishedName (or projectName) the project's SSM parameters were written under`]);
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

  /**
   * Sets the architecture, log retention and log removal of the functions that provision the
   * projects of `scope`'s stack, and lets their policy be widened. Call it before or after the
   * stack's projects are declared; it creates nothing in a stack without projects.
   *
   * @param scope a construct of the stack
   * @param options the provider's settings
   */
  public static configureProvider(scope: Construct, options: ProviderOptions): void {
    ProjectProvider.configure(scope, options);
  }

  /**
   * A native `AWS::BedrockMantle::Project` (`aws_bedrockmantle.CfnProject`) with what the library
   * adds to a project: its final tags (after `Tags.of(scope)`) checked against `taxonomy` and
   * AWS's tag rules at synth time, its ID and ARN published as outputs or SSM parameters when
   * asked, and `grantInference` / `configureFunction`.
   *
   * The project is provisioned by CloudFormation itself, not by this library's provider: it has
   * no data retention setting, and deleting the resource archives the project.
   * Called again for the same `CfnProject`, it returns the same object.
   *
   * @param project the native project
   * @param options the taxonomy to check its tags against, and where to publish its ID
   */
  public static fromCfnProject(project: bedrockmantle.CfnProject, options: CfnProjectOptions = {}): IBedrockProject {
    const existing = project.node.tryFindChild(CFN_PROJECT_VIEW_ID);
    if (existing instanceof CfnProjectView) {
      if (Object.keys(options).length > 0) {
        throw validationError(project, 'CfnProjectOptionsRepeated', ['BedrockProject.fromCfnProject was already called for this project; pass the options only on the first call']);
      }
      return existing;
    }
    return new CfnProjectView(project, options);
  }

  /** @attribute */
  public get projectId(): string {
    // Made on first use: most projects' ID is only read by their output, which needs no token.
    return this.projectIdToken ??= Token.asString(this.resource.getAtt('ProjectId'));
  }

  /** @attribute */
  public get projectArn(): string {
    return this.projectArnToken ??= Token.asString(this.resource.getAtt('ProjectArn'));
  }

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

  private readonly resource: ProjectResource;
  private projectIdToken?: string;
  private projectArnToken?: string;

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
      throw validationError(this, 'BedrockProjectInvalid', publishedProblems);
    }
    if (!Token.isUnresolved(props.projectName)) {
      registerProjectName(this, props.projectName);
      registerProjectNameInApp(this, props.projectName);
    }
    if (props.taxonomy === undefined) {
      this.warnWithoutTaxonomy();
    }
    announceProject(this);

    // The CloudFormation resource itself, without a CustomResource wrapper: one construct less
    // per project, and `node.defaultChild` is the CfnResource that escape hatches want.
    const resource = new ProjectResource(this, 'Resource', {
      provider: ProjectProvider.of(this),
      projectName: props.projectName,
      tags: this.cdkTagManager,
      dataRetention: props.dataRetention?.mode,
      removalPolicy: handlerRemovalPolicy(this.removalPolicy),
    });
    // CloudFormation's own DeletionPolicy agrees with the handler's, so a retained project
    // is left alone even if the handler were never called.
    resource.applyRemovalPolicy(this.removalPolicy, { default: RemovalPolicy.DESTROY });
    pinLogicalIdAtSynth(resource);
    this.resource = resource;

    const published = publishProject(this, {
      projectName: props.projectName,
      publishedName: this.publishedName,
      resource,
      idAttribute: 'ProjectId',
      arnAttribute: 'ProjectArn',
      project: this,
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

  /**
   * A monthly (or quarterly, annual) cost budget on the costs that carry this project's cost
   * allocation tags: the taxonomy's cost allocation keys the project carries, or all its tags
   * when it has no taxonomy, with their final values (after `Tags.of(scope)`).
   *
   * The budget counts every cost carrying that combination of tags, so projects with the same
   * tags share it; give projects a distinguishing tag (such as `Application` and `Environment`)
   * to budget them apart.
   *
   * @param id the budget's construct id
   * @param options the limit, period and subscribers
   */
  public addBudget(id: string, options: CostBudgetOptions): CostBudget {
    const subject = Token.isUnresolved(this.projectName) ? 'Cost budget of a Bedrock project' : `Cost budget of Bedrock project '${this.projectName}'`;
    return CostBudget._fromTagProducer(this, id, options, this.taxonomy, () => this.costAllocationTags(), subject);
  }

  /** The project's tags whose keys are cost allocation keys: those a budget can select on. */
  private costAllocationTags(): { [key: string]: string } {
    const tags = this.tags;
    if (!this.taxonomy) {
      return tags;
    }
    const keys = new Set(this.taxonomy.costAllocationKeys);
    return Object.fromEntries(Object.entries(tags).filter(([key]) => keys.has(key)));
  }

  protected describeForAlarm(): string {
    return Token.isUnresolved(this.projectName) ? super.describeForAlarm() : `Bedrock project '${this.projectName}'`;
  }

  /** The project's final tags (after `Tags.of(scope)`), key to value. */
  public get tags(): { [key: string]: string } {
    return this.cdkTagManager.tagValues();
  }

  /**
   * A project without a taxonomy is allowed (AWS's tag rules are still checked), but its tags
   * then go unchecked against the organization's keys, which is worth saying once.
   */
  private warnWithoutTaxonomy(): void {
    const subject = Token.isUnresolved(this.projectName) ? 'Bedrock project' : `Bedrock project '${this.projectName}'`;
    Annotations.of(this).addWarningV2('cdk-bedrock-projects:noTaxonomy',
      `${subject} has no taxonomy, so its tags are checked only against AWS's tag rules, not against your organization's keys and values. `
      + 'Pass taxonomy (for example TagTaxonomy.fromFile(\'tag-taxonomy.json\') or new TagTaxonomy({ keys: [...] })), or acknowledge this warning if the project needs no tag checks.');
  }

  /** Warns when another stack of the app declares a project of this name in the same account and region. */
  private warnIfNamedInOtherStacks(subject: string, name: string): void {
    const elsewhere = projectsNamedInOtherStacks(this, name);
    if (elsewhere.length === 0) {
      return;
    }
    const stack = Stack.of(this);
    Annotations.of(this).addWarningV2('cdk-bedrock-projects:duplicateProjectNameInApp',
      `${subject} (${this.node.path}) has the same name as ${elsewhere.join(', ')}, in another stack of this app that deploys to the same account ${stack.account} and region ${stack.region}; `
      + 'each stack would create its own project of that name. Rename one of them, or declare the project in one stack and pass it to the other.');
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
      this.warnIfNamedInOtherStacks(subject, name);
    }
    const samePublished = otherProjectsPublishedAs(this, this.publishedName);
    if (samePublished.length > 0) {
      errors.push(`${subject}: another project in this stack publishes its exports and SSM parameters under the same name '${this.publishedName}' (${samePublished.join(', ')}); give each project a unique construct id or publishedName`);
    }

    const tags = this.tags;
    for (const reserved of [OWNERSHIP_TAG_KEY, CREATE_REQUEST_TAG_KEY]) {
      if (Object.hasOwn(tags, reserved)) {
        errors.push(`${subject}: tag key '${reserved}' is reserved: the provider uses it to recognise the projects it owns; remove it`);
      }
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
      throw validationError(scope, 'BedrockProjectRemovalPolicyInvalid', [`removalPolicy ${policy} is not supported by Bedrock projects, which have no snapshots; use RemovalPolicy.RETAIN (keep the project), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (keep it unless its creation rolls back) or RemovalPolicy.DESTROY (archive it)`]);
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
