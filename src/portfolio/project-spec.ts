import { RemovalPolicy } from 'aws-cdk-lib';
import { DataRetention } from '../project';

/**
 * One project of a {@link ProjectPortfolio}, as a row of data.
 */
export interface ProjectSpec {
  /**
   * The project's name, unique within the portfolio.
   */
  readonly projectName: string;

  /**
   * The project's tags; they win over the portfolio's `defaultTags`.
   */
  readonly tags: { [key: string]: string };

  /**
   * How Bedrock retains the data of requests made through the project.
   *
   * @default - not managed: the service's default (`inherit`) applies
   */
  readonly dataRetention?: DataRetention;

  /**
   * What happens to the project when it leaves the portfolio.
   *
   * @default - the portfolio's `removalPolicy`
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The construct id of the project, which also names its exports and SSM parameters.
   * CloudFormation identifies the project by it: a changed id creates a new project and retains
   * or archives the old one (its removal policy), so set this to the old name when renaming a
   * project, and the rename updates it in place and keeps its export and parameter names.
   *
   * @default - the project name
   */
  readonly id?: string;
}
