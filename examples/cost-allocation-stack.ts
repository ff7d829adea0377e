import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { COST_CENTERS, FINOPS_EMAILS } from './spend-watch';
import { CostAllocationTags, CostAnomalyAlerts, TagTaxonomy } from '../src';

export interface CostAllocationStackProps extends StackProps {
  readonly taxonomy: TagTaxonomy;
}

/**
 * Activates the taxonomy's cost allocation keys and watches each cost center for cost anomalies.
 * Only the organization's management (payer) account may activate keys and run tag-based anomaly
 * monitors, so it is a stack of its own, deployed there.
 */
export class CostAllocationStack extends Stack {
  public readonly costAllocationTags: CostAllocationTags;
  public readonly costCenterAnomalies: CostAnomalyAlerts;

  constructor(scope: Construct, id: string, props: CostAllocationStackProps) {
    super(scope, id, props);
    this.costAllocationTags = new CostAllocationTags(this, 'CostAllocationTags', { taxonomy: props.taxonomy });
    this.costCenterAnomalies = new CostAnomalyAlerts(this, 'CostCenterAnomalies', {
      tagKey: 'CostCenter',
      values: COST_CENTERS,
      taxonomy: props.taxonomy,
      emails: FINOPS_EMAILS,
    });
  }
}
