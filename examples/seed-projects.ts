/**
 * The example organization's projects: which environment each belongs to and its tags.
 */
export interface SeedProject {
  readonly projectName: string;
  /** The deployment environment (stack) the project belongs to. */
  readonly environment: 'dev' | 'staging' | 'prod';
  readonly tags: { [key: string]: string };
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
