import { App, Stack } from 'aws-cdk-lib';
import { BedrockProject, CostAnomalyAlerts, CostBudget, TagPolicy, TagTaxonomy } from '../../src';

const taxonomy = TagTaxonomy.example();

function project(stack: Stack, id: string, tags: { [key: string]: string }): BedrockProject {
  return new BedrockProject(stack, id, { projectName: id, taxonomy, tags: { Environment: 'Production', ...tags } });
}

describe('cost coverage in the tag policy view', () => {
  function buildApp(): App {
    const app = new App();
    const prod = new Stack(app, 'Prod');
    const chatbot = project(prod, 'Chatbot', { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001' });
    project(prod, 'Analytics', { Application: 'DataAnalytics', Team: 'DataScience', CostCenter: 'CC-3003' });
    project(prod, 'Experiments', { Application: 'Experiments', Team: 'PlatformEngineering', CostCenter: 'CC-2002' });
    chatbot.addBudget('Budget', { limit: 1000 });
    const finops = new Stack(app, 'FinOps');
    new CostBudget(finops, 'DataScience', { tags: { Team: 'DataScience' }, limit: 500, services: ['Amazon Bedrock'] });
    new CostBudget(finops, 'ProductionChatbots', { tags: { Application: 'CustomerChatbot', Environment: 'Production' }, limit: 2000 });
    new CostAnomalyAlerts(finops, 'CostCenters', { tagKey: 'CostCenter', values: ['CC-1001', 'CC-3003'], taxonomy, emails: ['finops@example.com'] });
    return app;
  }

  test('lists budgets and anomaly alerts, what covers each project, and the projects no budget covers', () => {
    expect(TagPolicy.of(buildApp()).toJson().costCoverage).toEqual({
      budgets: [
        { stack: 'FinOps', path: 'FinOps/DataScience', tags: { Team: 'DataScience' }, services: ['Amazon Bedrock'] },
        { stack: 'FinOps', path: 'FinOps/ProductionChatbots', tags: { Application: 'CustomerChatbot', Environment: 'Production' }, services: null },
        {
          stack: 'Prod',
          path: 'Prod/Chatbot/Budget',
          tags: { Application: 'CustomerChatbot', CostCenter: 'CC-1001', Environment: 'Production', Team: 'CustomerExperience' },
          services: null,
        },
      ],
      anomalyAlerts: [{ stack: 'FinOps', path: 'FinOps/CostCenters', tagKey: 'CostCenter', tagValues: ['CC-1001', 'CC-3003'] }],
      projects: [
        { stack: 'Prod', path: 'Prod/Analytics', budgets: ['FinOps/DataScience'], anomalyAlerts: ['FinOps/CostCenters'] },
        { stack: 'Prod', path: 'Prod/Chatbot', budgets: ['FinOps/ProductionChatbots', 'Prod/Chatbot/Budget'], anomalyAlerts: ['FinOps/CostCenters'] },
        { stack: 'Prod', path: 'Prod/Experiments', budgets: [], anomalyAlerts: [] },
      ],
      projectsInNoBudget: ['Prod Prod/Experiments'],
    });
  });

  test('a project whose tags change out of a budget\'s selection shows up as covered by no budget', () => {
    const app = new App();
    const stack = new Stack(app, 'Prod');
    project(stack, 'Chatbot', { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-2002' });
    new CostBudget(stack, 'CC1001', { tags: { CostCenter: 'CC-1001' }, limit: 10 });
    expect(TagPolicy.of(app).toJson().costCoverage.projectsInNoBudget).toEqual(['Prod Prod/Chatbot']);
  });
});
