import { RemovalPolicy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ProjectSpec } from './project-spec';
import { CostAllocationTags } from '../cost-allocation';
import { ProjectDashboard, ProjectDashboardOptions } from '../dashboard';
import { BedrockProject } from '../project';
import { TagTaxonomy } from '../taxonomy';
import { validationError } from '../validation-error';

/** The first level of the default SSM prefix, `/bedrock-projects/<environmentName>`. */
const PARAMETER_ROOT = '/bedrock-projects';

/**
 * Properties of a {@link ProjectPortfolio}.
 */
export interface ProjectPortfolioProps {
  /**
   * The name of the deployment environment, such as `prod`; it names the default SSM prefix.
   */
  readonly environmentName: string;

  /**
   * The taxonomy every project's tags must satisfy.
   */
  readonly taxonomy: TagTaxonomy;

  /**
   * The environment's projects, one row each.
   */
  readonly projects: ProjectSpec[];

  /**
   * Tags every project gets unless its spec sets the same key.
   *
   * @default - none
   */
  readonly defaultTags?: { [key: string]: string };

  /**
   * Whether the projects emit their IDs as stack outputs with exports.
   *
   * @default true
   */
  readonly outputs?: boolean;

  /**
   * Whether the projects also emit their ARNs as stack outputs with exports (with `outputs`).
   * Each project then takes two of the stack's 200 outputs instead of one.
   *
   * @default false
   */
  readonly arnOutputs?: boolean;

  /**
   * Whether the projects write their IDs and ARNs as SSM parameters under `ssmParameterPrefix`,
   * for stacks of other apps.
   *
   * @default true
   */
  readonly ssmParameters?: boolean;

  /**
   * The prefix of the SSM parameters: each project writes `<prefix>/<id>/id` and `/arn`, where
   * `<id>` is the spec's `id`, by default its project name.
   *
   * @default `/bedrock-projects/<environmentName>`
   */
  readonly ssmParameterPrefix?: string;

  /**
   * The removal policy of projects whose spec sets none.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Also activate the taxonomy's cost allocation keys with a {@link CostAllocationTags}.
   * Only the organization's management (payer) account or a standalone account may do this:
   * leave it off for environments in member accounts and activate the keys from a stack in the
   * management account instead.
   *
   * @default false
   */
  readonly activateCostAllocationTags?: boolean;
}

/**
 * All Bedrock projects of one deployment environment, declared from data: every project is
 * checked against the taxonomy and publishes its ID (and, on request, its ARN).
 *
 * @example
 * const portfolio = new ProjectPortfolio(this, 'Projects', {
 *   environmentName: 'prod',
 *   taxonomy: TagTaxonomy.example(),
 *   projects: [{
 *     projectName: 'CustomerChatbot-Prod',
 *     tags: { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
 *   }],
 * });
 * const chatbot = portfolio.project('CustomerChatbot-Prod');
 */
export class ProjectPortfolio extends Construct {
  /** The environment's name. */
  public readonly environmentName: string;

  /** The projects, in the order of `projects`. */
  public readonly projects: BedrockProject[];

  /**
   * The prefix of the projects' SSM parameters.
   *
   * @default - no parameters (`ssmParameters: false`)
   */
  public readonly ssmParameterPrefix?: string;

  /**
   * The cost allocation tag activation.
   *
   * @default - none (`activateCostAllocationTags: false`)
   */
  public readonly costAllocationTags?: CostAllocationTags;

  private readonly byName = new Map<string, BedrockProject>();

  public constructor(scope: Construct, id: string, props: ProjectPortfolioProps) {
    super(scope, id);
    this.environmentName = props.environmentName;
    const problems = this.propsProblems(props);
    if (problems.length > 0) {
      throw validationError(this, 'ProjectPortfolioInvalid', problems);
    }
    this.ssmParameterPrefix = (props.ssmParameters ?? true)
      ? props.ssmParameterPrefix ?? `${PARAMETER_ROOT}/${props.environmentName}`
      : undefined;

    this.projects = props.projects.map((spec) => {
      const project = new BedrockProject(this, spec.id ?? spec.projectName, {
        projectName: spec.projectName,
        tags: { ...props.defaultTags, ...spec.tags },
        taxonomy: props.taxonomy,
        dataRetention: spec.dataRetention,
        removalPolicy: spec.removalPolicy ?? props.removalPolicy,
        outputs: props.outputs,
        arnOutput: props.arnOutputs,
        // The row's id, which a rename keeps, names its exports and parameters; without an id,
        // the project name as written (the construct id replaces its '/').
        publishedName: spec.id ?? spec.projectName,
        ssmParameterPrefix: this.ssmParameterPrefix,
      });
      this.byName.set(spec.projectName, project);
      return project;
    });

    if (props.activateCostAllocationTags ?? false) {
      this.costAllocationTags = new CostAllocationTags(this, 'CostAllocationTags', { taxonomy: props.taxonomy });
    }
  }

  /**
   * The project named `projectName`; fails, listing the names there are, if there is none.
   *
   * @param projectName the project's name
   */
  public project(projectName: string): BedrockProject {
    const project = this.tryFindProject(projectName);
    if (!project) {
      const names = [...this.byName.keys()].map((n) => `'${n}'`).join(', ') || 'none';
      throw validationError(this, 'ProjectNotInPortfolio', [`environment '${this.environmentName}' has no project named '${projectName}'; its projects are ${names}`]);
    }
    return project;
  }

  /**
   * A CloudWatch dashboard of the environment's projects, in the order of `projects`: usage and,
   * with prices, estimated spend.
   *
   * @param id the dashboard's construct id
   * @param options the prices, period and name
   */
  public addDashboard(
    id: string,
    /** @default - usage graphs only, no estimated spend */
    options?: ProjectDashboardOptions,
  ): ProjectDashboard {
    return new ProjectDashboard(this, id, { ...options, projects: this.projects });
  }

  /**
   * The project named `projectName`, if there is one.
   *
   * @param projectName the project's name
   */
  public tryFindProject(projectName: string): BedrockProject | undefined {
    return this.byName.get(projectName);
  }

  /** Every problem with the portfolio's properties, so that one synth reports them all. */
  private propsProblems(props: ProjectPortfolioProps): string[] {
    const problems: string[] = [];
    // The compiler requires a taxonomy, but JavaScript callers get no compiler to stop them,
    // and a portfolio without one would check nothing.
    if (!(props.taxonomy instanceof TagTaxonomy)) {
      problems.push('a taxonomy is required: every project of a portfolio is checked against it; pass taxonomy: TagTaxonomy.fromFile(\'taxonomy.json\') or new TagTaxonomy({ keys: [...] })');
    }
    if (props.ssmParameters === false && props.ssmParameterPrefix !== undefined) {
      problems.push(`ssmParameterPrefix '${props.ssmParameterPrefix}' is set but ssmParameters is false, so no parameter would be written; remove one of the two`);
    }
    const environmentName = props.environmentName;
    if ((props.ssmParameters ?? true) && props.ssmParameterPrefix === undefined
      && !Token.isUnresolved(environmentName) && !/^[A-Za-z0-9_.-]+$/.test(environmentName)) {
      problems.push(`environmentName '${environmentName}' names the default SSM prefix '${PARAMETER_ROOT}/<environmentName>' and may contain only letters, digits, '_', '.' and '-'; rename the environment or set ssmParameterPrefix`);
    }
    if (!Array.isArray(props.projects)) {
      problems.push(`projects must be a list of project rows, not ${JSON.stringify(props.projects)}`);
    } else {
      problems.push(...this.repeatedRows(props.projects));
    }
    return problems;
  }

  /** Every repeated project name or construct id, naming both rows. */
  private repeatedRows(specs: ProjectSpec[]): string[] {
    const problems: string[] = [];
    const seen = new Map<string, number>();
    const seenIds = new Map<string, number>();
    specs.forEach((spec, index) => {
      const name = spec.projectName;
      if (!Token.isUnresolved(name)) {
        const first = seen.get(name);
        if (first !== undefined) {
          problems.push(`projects[${first}] and projects[${index}] are both named '${name}'; each project of environment '${this.environmentName}' needs a unique projectName`);
        } else {
          seen.set(name, index);
        }
      }
      // constructs turns '/' into '--', so compare ids as the tree will see them.
      const constructId = (spec.id ?? name).replace(/\//g, '--');
      const firstId = seenIds.get(constructId);
      if (firstId !== undefined) {
        // Two rows of one name with default ids are already reported as a repeated name.
        if (spec.id !== undefined || specs[firstId].id !== undefined || specs[firstId].projectName !== name) {
          problems.push(`projects[${firstId}] and projects[${index}] would both have the construct id '${constructId}'; set a distinct id on one of them`);
        }
      } else {
        seenIds.set(constructId, index);
      }
    });
    return problems;
  }
}
