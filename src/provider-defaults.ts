import { RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** How long the providers' logs are kept: long enough to investigate a failed deployment. */
const PROVIDER_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * A log group for one of the providers' functions: kept for a month and removed with the stack,
 * instead of the never-expiring group Lambda would create on its own and leave behind.
 */
export function providerLogGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: PROVIDER_LOG_RETENTION,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/** The runtime of every function this library deploys, pinned so templates do not drift. */
export const PROVIDER_RUNTIME = 'nodejs22.x';

/**
 * Pins the runtime of a `custom-resources.Provider`'s framework function.
 *
 * The framework picks "the latest Node.js runtime of the region", which in a stack without an
 * explicit region becomes a mapping in every template and changes with aws-cdk-lib upgrades.
 */
export function pinFrameworkRuntime(provider: cr.Provider): void {
  const framework = provider.node.tryFindChild('framework-onEvent');
  const cfn = framework?.node.defaultChild as lambda.CfnFunction | undefined;
  if (!cfn) {
    throw new Error('custom-resources.Provider no longer has a framework-onEvent function; update pinFrameworkRuntime');
  }
  cfn.runtime = PROVIDER_RUNTIME;
}
