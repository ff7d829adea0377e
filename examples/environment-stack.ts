import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockProject, TagTaxonomy } from '../src';
import { SeedProject } from './seed-projects';

export interface EnvironmentStackProps extends StackProps {
  readonly taxonomy: TagTaxonomy;
  readonly projects: SeedProject[];
}

/** The Bedrock projects of one deployment environment. */
export class EnvironmentStack extends Stack {
  public readonly projects: BedrockProject[];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    this.projects = props.projects.map((p) => new BedrockProject(this, p.projectName, {
      projectName: p.projectName,
      taxonomy: props.taxonomy,
      tags: p.tags,
    }));
  }
}
