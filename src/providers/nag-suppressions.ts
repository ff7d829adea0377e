import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A cdk-nag finding the library accepts on one of its resources, with the reason. */
export interface NagSuppression {
  /** The rule, for example `AwsSolutions-IAM5`. */
  readonly id: string;
  /** Why the finding is acceptable; ASCII only (cdk-nag expects other text base64-encoded). */
  readonly reason: string;
  /** The findings of the rule it covers: exact finding ids or `{ regex: '/.../g' }`. */
  readonly appliesTo?: Array<string | { regex: string }>;
}

/**
 * Writes suppressions into the resource's template metadata, `cdk_nag.rules_to_suppress`, where
 * cdk-nag reads them (the format `NagSuppressions.addResourceSuppressions` writes). The library
 * thus ships its reasoned suppressions without depending on cdk-nag, and users who run cdk-nag
 * see nothing from the library's resources that the library has not explained.
 */
export function suppressNagFindings(resource: IConstruct, suppressions: NagSuppression[]): void {
  const cfn = CfnResource.isCfnResource(resource) ? resource : resource.node.defaultChild;
  if (!CfnResource.isCfnResource(cfn)) {
    throw new Error(`${resource.node.path} has no CloudFormation resource to carry cdk-nag suppressions`);
  }
  const existing: unknown[] = cfn.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  cfn.addMetadata('cdk_nag', {
    rules_to_suppress: [
      ...existing,
      ...suppressions.map((s) => ({ id: s.id, reason: s.reason, ...(s.appliesTo ? { applies_to: s.appliesTo } : {}) })),
    ],
  });
}
