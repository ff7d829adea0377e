import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * Settings of the functions behind a stack's custom resources: the handler, the provider
 * framework's function and, for cost allocation tags, the retry activator.
 *
 * Set them with `BedrockProject.configureProvider(stack, options)` or
 * `CostAllocationTags.configureProvider(stack, options)`, before or after the stack's projects
 * and cost allocation tags are declared. A later call changes the settings it names and keeps
 * the others; its policy statements are added to those of earlier calls.
 */
export interface ProviderOptions {
  /**
   * The processor architecture of the functions. Their code is plain JavaScript, so either runs it.
   *
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * How long the functions' logs are kept.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the functions' log groups when they leave the stack.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;

  /**
   * Statements added to the policy of the handler's role (and of the cost allocation retry
   * activator's), for example to widen the project provider to `bedrock-mantle:CreateProject`
   * and `bedrock-mantle:ListProjects` on `*` should an account refuse them on `project/*`.
   * cdk-nag still checks these statements: the suppressions the library ships name its own
   * resources only.
   *
   * @default - only the statements the library needs
   */
  readonly additionalPolicyStatements?: iam.PolicyStatement[];
}
