import { ProjectEnvironment } from './environment-config';
import { ProjectSpec } from '../src';

/**
 * One of the example organization's projects and the deployment environment it belongs to.
 */
export interface SeedProject extends ProjectSpec {
  readonly environment: ProjectEnvironment;
}

export const SEED_PROJECTS: SeedProject[] = [
  {
    projectName: 'CustomerChatbot-Prod',
    environment: 'prod',
    tags: { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  },
  {
    projectName: 'CustomerChatbot-Dev',
    environment: 'dev',
    tags: { Application: 'CustomerChatbot', Environment: 'Development', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  },
  {
    projectName: 'Experiments-Research',
    environment: 'prod',
    tags: { Application: 'Experiments', Environment: 'Production', Team: 'PlatformEngineering', CostCenter: 'CC-2002' },
  },
  {
    projectName: 'DataAnalytics-Prod',
    environment: 'prod',
    tags: { Application: 'DataAnalytics', Environment: 'Production', Team: 'DataScience', CostCenter: 'CC-3003' },
  },
  {
    projectName: 'CustomerChatbot-Staging',
    environment: 'staging',
    tags: { Application: 'CustomerChatbot', Environment: 'Staging', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  },
];

/** The project specs of one environment, as `ProjectPortfolio` takes them. */
export function projectsOf(environment: ProjectEnvironment): ProjectSpec[] {
  return SEED_PROJECTS
    .filter((p) => p.environment === environment)
    .map(({ environment: _environment, ...spec }) => spec);
}

/** The name of the chatbot's project in `environment`. */
export function chatbotProjectOf(environment: ProjectEnvironment): string {
  const chatbot = SEED_PROJECTS.find((p) => p.environment === environment && p.tags.Application === 'CustomerChatbot');
  if (!chatbot) {
    throw new Error(`The seed has no CustomerChatbot project for environment '${environment}'`);
  }
  return chatbot.projectName;
}
