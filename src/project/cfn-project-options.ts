import { TagTaxonomy } from '../taxonomy';

/**
 * What the library adds to a native `AWS::BedrockMantle::Project` (`aws_bedrockmantle.CfnProject`)
 * with `BedrockProject.fromCfnProject`.
 */
export interface CfnProjectOptions {
  /**
   * The taxonomy the project's final tag set (its `tags` merged with `Tags.of(scope).add(...)`)
   * must satisfy; synthesis fails on any violation. AWS's own tag rules are checked with or
   * without a taxonomy.
   *
   * @default - only AWS's tag rules are checked
   */
  readonly taxonomy?: TagTaxonomy;

  /**
   * Whether to emit the project's ID and ARN as stack outputs, exported as
   * `<stackName>:<name>:ProjectId` and `<stackName>:<name>:ProjectArn`, as `BedrockProject`
   * does.
   *
   * @default false
   */
  readonly outputs?: boolean;

  /**
   * Also writes the project's ID and ARN as SSM String parameters
   * `<ssmParameterPrefix>/<name>/id` and `<ssmParameterPrefix>/<name>/arn`, which
   * `BedrockProject.fromSsmParameters` reads. Needs a literal project name.
   *
   * @default - no SSM parameters are written
   */
  readonly ssmParameterPrefix?: string;
}
