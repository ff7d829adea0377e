// The example of docs/tag-policy.md ("Snapshot-testing your tag policy"), run as it is written
// there except that it imports the library from ../../src instead of 'cdk-bedrock-projects'.
// readme-sync.test.ts checks that every code block of that section appears here verbatim.
import { App, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { BedrockProject, DataRetention, OrganizationsTagPolicy, TagPolicy, TagTaxonomy } from '../../src';

const taxonomy = TagTaxonomy.example();

// In your project this is the function your CDK app (bin/app.ts) calls.
function buildApp(): App {
  const app = new App();

  const prod = new Stack(app, 'BedrockProjects-prod');
  Tags.of(prod).add('Environment', 'Production');
  new BedrockProject(prod, 'CustomerChatbot', {
    projectName: 'CustomerChatbot-Prod',
    taxonomy,
    tags: { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
    dataRetention: DataRetention.NONE,
  });

  const dev = new Stack(app, 'BedrockProjects-dev');
  Tags.of(dev).add('Environment', 'Development');
  new BedrockProject(dev, 'CustomerChatbot', {
    projectName: 'CustomerChatbot-Dev',
    taxonomy,
    tags: { Application: 'CustomerChatbot', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  });

  return app;
}

function tagPolicyMatchesSnapshot() {
  expect(TagPolicy.of(buildApp()).toJson()).toMatchSnapshot();
}
test('the tag policy of the app', tagPolicyMatchesSnapshot);

function organizationsTagPolicyMatchesSnapshot() {
  expect(taxonomy.toOrganizationsTagPolicy()).toMatchSnapshot();
  // Where the Organizations policy is looser than the taxonomy, e.g. CostCenter as CC-*.
  expect(OrganizationsTagPolicy.fromTaxonomy(taxonomy).approximations).toMatchSnapshot();
}
test('the Organizations tag policy of the taxonomy', organizationsTagPolicyMatchesSnapshot);

// Deployed to the organization's management account (or a delegated administrator).
class TagPolicyStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new organizations.CfnPolicy(this, 'BedrockProjectsTagPolicy', {
      name: 'bedrock-projects-tags',
      type: 'TAG_POLICY',
      content: taxonomy.toOrganizationsTagPolicy(),
      targetIds: ['ou-abcd-12345678'],
    });
  }
}

test('the tag policy stack renders the taxonomy as a TAG_POLICY', () => {
  const stack = new TagPolicyStack(new App(), 'OrganizationTagPolicy');
  Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Policy', {
    Type: 'TAG_POLICY',
    Content: taxonomy.toOrganizationsTagPolicy(),
  });
});
