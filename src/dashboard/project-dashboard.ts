import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ModelPrice, TokenPrice } from '../monitoring/model-price';
import { BedrockProject, IBedrockProject } from '../project/bedrock-project';
import { validationError } from '../validation-error';

/**
 * What a {@link ProjectDashboard} shows, apart from its projects.
 */
export interface ProjectDashboardOptions {
  /**
   * The dashboard's name: letters, digits, `-` and `_`, at most 255 characters.
   *
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;

  /**
   * The models' prices, in US dollars per million tokens. With prices (or `defaultPrice`), each
   * project also gets a graph of its estimated spend.
   *
   * @default - no estimated spend
   */
  readonly prices?: ModelPrice[];

  /**
   * The price of tokens to models that `prices` does not list.
   *
   * @default - tokens of models not listed in `prices` are not counted
   */
  readonly defaultPrice?: TokenPrice;

  /**
   * The period each point of the graphs sums.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * The time range the dashboard opens on, such as `-P7D` (ISO 8601 duration before now).
   *
   * @default '-P1D'
   */
  readonly start?: string;
}

/**
 * Properties of a {@link ProjectDashboard}.
 */
export interface ProjectDashboardProps extends ProjectDashboardOptions {
  /**
   * The projects, one row each, in this order.
   */
  readonly projects: IBedrockProject[];
}

/** CloudWatch's limit of widgets per dashboard. */
export const MAX_WIDGETS_PER_DASHBOARD = 500;

/** The dashboard grid is 24 units wide. */
const GRID_WIDTH = 24;
const GRAPH_HEIGHT = 6;

/**
 * A CloudWatch dashboard of Bedrock projects: one row per project with its inferences and client
 * errors, its input and output tokens and, when prices are given, its estimated spend. The rows
 * keep the order of `projects`; every metric is read in its project's region, so one dashboard
 * can show projects of several regions.
 *
 * @example
 * declare const chatbot: BedrockProject;
 * new ProjectDashboard(this, 'Dashboard', {
 *   projects: [chatbot],
 *   prices: [{ model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 }],
 * });
 */
export class ProjectDashboard extends Construct {
  /** The underlying CloudWatch dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;

  public constructor(scope: Construct, id: string, props: ProjectDashboardProps) {
    super(scope, id);
    const priced = (props.prices?.length ?? 0) > 0 || props.defaultPrice !== undefined;
    const period = props.period ?? Duration.minutes(5);
    const graphsPerRow = priced ? 3 : 2;
    const widgets = 1 + props.projects.length * graphsPerRow;
    if (widgets > MAX_WIDGETS_PER_DASHBOARD) {
      throw validationError(this, 'ProjectDashboardTooLarge', [`${props.projects.length} projects would need ${widgets} widgets but a CloudWatch dashboard holds at most ${MAX_WIDGETS_PER_DASHBOARD}; split the projects over several dashboards`]);
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      start: props.start ?? '-P1D',
      periodOverride: cloudwatch.PeriodOverride.INHERIT,
    });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: priced
        ? '# Bedrock projects\nUsage from the `AWS/BedrockMantle` metrics. Estimated spend is computed from tokens and the prices in the stack; the billed figure is in AWS Budgets and Cost Explorer, up to a day later.'
        : '# Bedrock projects\nUsage from the `AWS/BedrockMantle` metrics.',
      width: GRID_WIDTH,
      height: 2,
    }));

    const width = GRID_WIDTH / graphsPerRow;
    for (const project of props.projects) {
      const name = labelOf(project);
      const metricOptions = { period };
      const row: cloudwatch.IWidget[] = [
        new cloudwatch.GraphWidget({
          title: `${name}: inferences`,
          left: [project.metricInferences({ ...metricOptions, label: 'Inferences' })],
          right: [project.metricInferenceClientErrors({ ...metricOptions, label: 'Client errors (4xx)' })],
          width,
          height: GRAPH_HEIGHT,
        }),
        new cloudwatch.GraphWidget({
          title: `${name}: tokens`,
          left: [
            project.metricTotalInputTokens({ ...metricOptions, label: 'Input tokens' }),
            project.metricTotalOutputTokens({ ...metricOptions, label: 'Output tokens' }),
          ],
          width,
          height: GRAPH_HEIGHT,
        }),
      ];
      if (priced) {
        row.push(new cloudwatch.GraphWidget({
          title: `${name}: estimated spend (USD)`,
          left: [project.metricEstimatedCost({ prices: props.prices ?? [], defaultPrice: props.defaultPrice, period })],
          width,
          height: GRAPH_HEIGHT,
        }));
      }
      this.dashboard.addWidgets(...row);
    }
  }
}

/** A declared project's name; an imported project's ID (its name is not known). */
function labelOf(project: IBedrockProject): string {
  if (project instanceof BedrockProject && !Token.isUnresolved(project.projectName)) {
    return project.projectName;
  }
  return project.projectId;
}
