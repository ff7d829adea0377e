import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * Lets an AWS billing service publish to `topic`, from this account only. A topic imported from
 * elsewhere keeps its own policy (CDK cannot change it), which must then allow the service.
 *
 * @param servicePrincipal `budgets.amazonaws.com` or `costalerts.amazonaws.com`
 * @param sid the statement id, the same for every construct of a kind so that CDK merges them
 */
export function allowPublishFrom(scope: Construct, topic: sns.ITopic, servicePrincipal: string, sid: string): void {
  const account = Stack.of(scope).account;
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(servicePrincipal)],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
  }));
}
