import { Stack, StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FINOPS_EMAILS, HOURLY_SPEND_ALARM_USD, MODEL_PRICES, MONTHLY_BUDGET_USD, OTHER_MODELS_PRICE, SPEND_ALARM_WINDOW } from './spend-watch';
import { ProjectDashboard, ProjectPortfolio, ProjectSpec, TagTaxonomy } from '../src';

export interface EnvironmentStackProps extends StackProps {
  readonly environmentName: string;
  readonly taxonomy: TagTaxonomy;
  readonly projects: ProjectSpec[];
  /**
   * Give every project a monthly budget and an hourly spend alarm (production).
   * @default false
   */
  readonly watchSpend?: boolean;
}

/**
 * The Bedrock projects of one deployment environment. Each project publishes its ID and ARN as
 * stack outputs and as SSM parameters under `/bedrock-projects/<environment>/`; a dashboard
 * shows their usage and estimated spend, and production projects get budgets and spend alarms.
 */
export class EnvironmentStack extends Stack {
  public readonly portfolio: ProjectPortfolio;
  public readonly dashboard: ProjectDashboard;
  /** The topic spend alarms and budgets notify, in production. */
  public readonly spendAlerts?: sns.Topic;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    this.portfolio = new ProjectPortfolio(this, 'Projects', {
      environmentName: props.environmentName,
      taxonomy: props.taxonomy,
      projects: props.projects,
    });
    this.dashboard = this.portfolio.addDashboard('Dashboard', { prices: MODEL_PRICES, defaultPrice: OTHER_MODELS_PRICE });

    if (props.watchSpend) {
      this.spendAlerts = new sns.Topic(this, 'SpendAlerts', { displayName: `Bedrock spend alerts (${props.environmentName})`, enforceSSL: true });
      for (const project of this.portfolio.projects) {
        project.addBudget('MonthlyBudget', { limit: MONTHLY_BUDGET_USD, emails: FINOPS_EMAILS, topic: this.spendAlerts });
        project.addSpendAlarm('SpendAlarm', {
          threshold: HOURLY_SPEND_ALARM_USD,
          window: SPEND_ALARM_WINDOW,
          prices: MODEL_PRICES,
          defaultPrice: OTHER_MODELS_PRICE,
          topic: this.spendAlerts,
        });
      }
    }
  }
}
