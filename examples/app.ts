import { App } from 'aws-cdk-lib';
import { EnvironmentStack } from './environment-stack';
import { SEED_PROJECTS } from './seed-projects';
import { TagTaxonomy } from '../src';

/** Builds the example app: one stack per environment, each holding that environment's projects. */
export function buildApp(app: App = new App()): App {
  const taxonomy = TagTaxonomy.example();
  for (const environment of ['dev', 'staging', 'prod'] as const) {
    new EnvironmentStack(app, `BedrockProjects-${environment}`, {
      taxonomy,
      projects: SEED_PROJECTS.filter((p) => p.environment === environment),
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    });
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
