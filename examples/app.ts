import { App } from 'aws-cdk-lib';
import { ChatbotAppStack } from './chatbot-app-stack';
import { CostAllocationStack } from './cost-allocation-stack';
import { environmentOf, MANAGEMENT_ENVIRONMENT, PROJECT_ENVIRONMENTS, selectedEnvironments } from './environment-config';
import { EnvironmentStack } from './environment-stack';
import { chatbotProjectOf, projectsOf } from './seed-projects';
import { TagTaxonomy } from '../src';

/**
 * Builds the example app: per environment (dev, staging, prod) a stack of its Bedrock projects
 * with a dashboard (production projects also get budgets and spend alarms) and a chatbot
 * application that uses one of them, plus a stack in the management account that activates the
 * cost allocation tags and watches each cost center for cost anomalies. Accounts and regions
 * come from the `environments` context in cdk.json; `-c environment=prod` synthesizes only prod.
 */
export function buildApp(app: App = new App()): App {
  const taxonomy = TagTaxonomy.example();
  const selected = selectedEnvironments(app);

  for (const environment of PROJECT_ENVIRONMENTS.filter((e) => selected.includes(e))) {
    const env = environmentOf(app, environment);
    const projects = new EnvironmentStack(app, `BedrockProjects-${environment}`, {
      env,
      description: `Amazon Bedrock projects of the ${environment} environment`,
      environmentName: environment,
      taxonomy,
      projects: projectsOf(environment),
      watchSpend: environment === 'prod',
    });
    // Same app, same account and region: an ordinary reference, which CDK turns into an export
    // of the projects stack and an import in the application stack.
    new ChatbotAppStack(app, `ChatbotApp-${environment}`, {
      env,
      description: `Example chatbot of the ${environment} environment`,
      project: projects.portfolio.project(chatbotProjectOf(environment)),
    });
  }

  if (selected.includes(MANAGEMENT_ENVIRONMENT)) {
    new CostAllocationStack(app, 'BedrockCostAllocation', {
      env: environmentOf(app, MANAGEMENT_ENVIRONMENT),
      description: 'Activates the tag taxonomy\'s keys as cost allocation tags and watches cost centers for anomalies (management account)',
      taxonomy,
    });
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
