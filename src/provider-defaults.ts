import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';

/** How long the providers' logs are kept: long enough to investigate a failed deployment. */
export const PROVIDER_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

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
