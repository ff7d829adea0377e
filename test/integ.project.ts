/**
 * One Bedrock project, deployed through the library's provider and read back through the
 * Projects API: its name, its tags (from props and from Tags.of) and its data retention.
 *
 *   npx projen integ                       # offline: compares with integ.project.ts.snapshot/
 *   npx projen integ:deploy integ.project.ts   # deploys, asserts, destroys (AWS credentials needed)
 *
 * The project is created with RemovalPolicy.DESTROY, so deleting the test stack archives it.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { BedrockProject, DataRetention, TagTaxonomy } from '../src';
import { expectProject, INTEG_TEST_OPTIONS } from './integ-assertions/assertion-functions';

const app = new App();
const stack = new Stack(app, 'BedrockProjectsInteg-Project');
Tags.of(stack).add('Owner', 'integ-tests');

const project = new BedrockProject(stack, 'Chatbot', {
  projectName: 'IntegTest-CustomerChatbot',
  taxonomy: TagTaxonomy.example(),
  tags: {
    Application: 'CustomerChatbot',
    Environment: 'Development',
    Team: 'CustomerExperience',
    CostCenter: 'CC-1001',
  },
  dataRetention: DataRetention.NONE,
  removalPolicy: RemovalPolicy.DESTROY,
});

const assertionStack = new Stack(app, 'BedrockProjectsInteg-ProjectAssertions');
const integ = new IntegTest(app, 'BedrockProjectInteg', {
  testCases: [stack],
  assertionStack,
  ...INTEG_TEST_OPTIONS,
});

expectProject(integ, assertionStack, project, {
  name: 'IntegTest-CustomerChatbot',
  tags: {
    Application: 'CustomerChatbot',
    Environment: 'Development',
    Team: 'CustomerExperience',
    CostCenter: 'CC-1001',
    Owner: 'integ-tests',
  },
  dataRetention: 'none',
});

app.synth();
