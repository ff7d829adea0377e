import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TagTaxonomy } from '../src';
import { ProjectPortfolio, ProjectSpec } from '../src';

export interface EnvironmentStackProps extends StackProps {
  readonly environmentName: string;
  readonly taxonomy: TagTaxonomy;
  readonly projects: ProjectSpec[];
}

/**
 * The Bedrock projects of one deployment environment. Each project publishes its ID and ARN as
 * stack outputs and as SSM parameters under `/bedrock-projects/<environment>/`.
 */
export class EnvironmentStack extends Stack {
  public readonly portfolio: ProjectPortfolio;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    this.portfolio = new ProjectPortfolio(this, 'Projects', {
      environmentName: props.environmentName,
      taxonomy: props.taxonomy,
      projects: props.projects,
    });
  }
}
