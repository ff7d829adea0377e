/**
 * Activates the example taxonomy's keys as cost allocation tags and checks Cost Explorer against
 * what the resource reported: keys reported active are active, every key Cost Explorer offers
 * for activation is active, every other key was reported pending (Cost Explorer offers a new key
 * for activation only up to 24 hours after first use), and at least one key is active.
 *
 * So that activation can be observed, the account's billing data must know at least one of the
 * keys (Application, CostCenter, Environment, Owner, Team): tag any resource with one of them a
 * day before the first run. In an account that has never used any of them the test fails, as it
 * must: it could not tell a working resource from one that never activates anything.
 *
 * Deploy it only in an organization's management (payer) account or a standalone account: a
 * member account may not manage cost allocation tags. The keys stay active after the test
 * (deactivateOnDelete is false), as they would for a user.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { CostAllocationTags, TagTaxonomy } from '../src';
import { expectCostAllocationTags, INTEG_TEST_OPTIONS } from './integ-assertions/assertion-functions';

const app = new App();
const stack = new Stack(app, 'BedrockProjectsInteg-CostAllocation');
const tags = new CostAllocationTags(stack, 'CostAllocationTags', {
  taxonomy: TagTaxonomy.example(),
});

const assertionStack = new Stack(app, 'BedrockProjectsInteg-CostAllocationAssertions');
const integ = new IntegTest(app, 'CostAllocationTagsInteg', {
  testCases: [stack],
  assertionStack,
  ...INTEG_TEST_OPTIONS,
  // Cost allocation tags are account-wide (Cost Explorer lives in us-east-1): one region is enough.
  regions: ['us-east-1'],
});

expectCostAllocationTags(integ, assertionStack, tags);

app.synth();
