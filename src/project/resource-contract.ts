/**
 * The contract between the `BedrockProject` construct (synth time) and its handler (deploy time).
 * Both sides import these names. This file must not import anything: the handler bundle and the
 * jsii library both include it.
 */

/**
 * The tag key by which the provider recognises the project that a `Custom::BedrockProject`
 * resource owns. Reserved: users may not set it, and the provider never removes it.
 *
 * It is what makes a retried Create safe (the provider adopts the project it already made instead
 * of making a second one) and what keeps Delete from archiving a project it did not create.
 */
export const OWNERSHIP_TAG_KEY = 'cdk-bedrock-projects:owner';

/**
 * The tag key of the creation token: the `RequestId` of the Create event that made the project.
 * CloudFormation and the provider framework send a Create again with the same `RequestId`, so a
 * Create that finds its own token on the project it adopts knows an earlier attempt of the same
 * request made it, rather than an earlier stack that retained it. Reserved like the ownership tag;
 * left out when the project's tags leave no room for it, and removed by an Update that needs room.
 */
export const CREATE_REQUEST_TAG_KEY = 'cdk-bedrock-projects:create-request';

/**
 * How a `Custom::BedrockProject` treats its project when the resource is deleted. Under
 * `retain-except-on-create` CloudFormation's DeletionPolicy is `RetainExceptOnCreate`, so the only
 * Delete the handler is sent is the rollback of the project's creation, which archives it.
 */
export type ProjectRemovalPolicy = 'retain' | 'destroy' | 'retain-except-on-create';
