import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CostAllocationTags, TagTaxonomy } from '../src';

export interface CostAllocationStackProps extends StackProps {
  readonly taxonomy: TagTaxonomy;
}

/**
 * Activates the taxonomy's cost allocation keys. Only the organization's management (payer)
 * account may do this, so it is a stack of its own, deployed there.
 */
export class CostAllocationStack extends Stack {
  public readonly costAllocationTags: CostAllocationTags;

  constructor(scope: Construct, id: string, props: CostAllocationStackProps) {
    super(scope, id, props);
    this.costAllocationTags = new CostAllocationTags(this, 'CostAllocationTags', { taxonomy: props.taxonomy });
  }
}
