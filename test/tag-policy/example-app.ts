import { App, Stack, Tags } from 'aws-cdk-lib';
import { BedrockProject, DataRetention, TagTaxonomy } from '../../src';

/** One project of the seed's table, with the stack it lives in. */
export interface SeedProject {
  readonly environment: 'dev' | 'prod';
  readonly projectName: string;
  readonly tags: { [key: string]: string };
}

/** The four projects of the product's example (Environment comes from `Tags.of(stack)`). */
export const SEED_PROJECTS: SeedProject[] = [
  { environment: 'prod', projectName: 'CustomerChatbot-Prod', tags: { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001' } },
  { environment: 'dev', projectName: 'CustomerChatbot-Dev', tags: { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001' } },
  { environment: 'prod', projectName: 'Experiments-Research', tags: { Application: 'Experiments', Team: 'PlatformEngineering', CostCenter: 'CC-2002' } },
  { environment: 'prod', projectName: 'DataAnalytics-Prod', tags: { Application: 'DataAnalytics', Team: 'DataScience', CostCenter: 'CC-3003' } },
];

export interface ExampleAppOptions {
  /** Declares stacks and projects in reverse order. */
  readonly reverse?: boolean;
  /** The projects to declare. @default SEED_PROJECTS */
  readonly projects?: SeedProject[];
  /** Called with each stack after its projects, to add unrelated resources. */
  readonly extend?: (stack: Stack) => void;
}

/**
 * The example app: one stack per environment, one taxonomy instance per stack (equal content),
 * Environment added with `Tags.of(stack)`.
 */
export function exampleApp(options: ExampleAppOptions = {}): App {
  const app = new App();
  const environments = options.reverse ? ['prod', 'dev'] : ['dev', 'prod'];
  for (const environment of environments) {
    const stack = new Stack(app, `BedrockProjects-${environment}`, { env: { account: '111122223333', region: 'us-east-1' } });
    Tags.of(stack).add('Environment', environment === 'prod' ? 'Production' : 'Development');
    const taxonomy = TagTaxonomy.example();
    let projects = (options.projects ?? SEED_PROJECTS).filter((p) => p.environment === environment);
    if (options.reverse) {
      projects = [...projects].reverse();
    }
    for (const project of projects) {
      new BedrockProject(stack, project.projectName, {
        projectName: project.projectName,
        taxonomy,
        tags: project.tags,
        dataRetention: environment === 'prod' ? DataRetention.NONE : undefined,
      });
    }
    options.extend?.(stack);
  }
  return app;
}
