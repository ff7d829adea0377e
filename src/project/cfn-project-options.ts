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
   * Whether to emit the project's ID as a stack output, exported as
   * `<stackName>:<publishedName>:ProjectId`, as `BedrockProject` does.
   *
   * @default false
   */
  readonly outputs?: boolean;

  /**
   * Also emit the project's ARN as a stack output (with `outputs`), exported as
   * `<stackName>:<publishedName>:ProjectArn`.
   *
   * @default false
   */
  readonly arnOutput?: boolean;

  /**
   * The name the project's exports and SSM parameters are published under. It does not change
   * when the project is renamed.
   *
   * @default - the `CfnProject`'s construct id
   */
  readonly publishedName?: string;

  /**
   * Also writes the project's ID and ARN as SSM String parameters
   * `<ssmParameterPrefix>/<publishedName>/id` and `<ssmParameterPrefix>/<publishedName>/arn`,
   * which `BedrockProject.fromSsmParameters` reads.
   *
   * @default - no SSM parameters are written
   */
  readonly ssmParameterPrefix?: string;
}
