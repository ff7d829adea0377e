/**
 * One environment's projects declared from data with ProjectPortfolio, and an application stack
 * that imports one of them from its SSM parameters, as a stack of another app would:
 *
 * - every project is read back through the Projects API (name, tags, active);
 * - the application's function is invoked and must see the project's ID and endpoint in the
 *   environment variables the OpenAI SDKs read (OPENAI_PROJECT_ID, OPENAI_BASE_URL).
 *
 * Projects are created with RemovalPolicy.DESTROY, so deleting the test stacks archives them.
 */
import { IntegTest, ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BedrockProject, ProjectPortfolio, ProjectSpec, TagTaxonomy } from '../src';
import { expectProject, INTEG_TEST_OPTIONS } from './integ-assertions/assertion-functions';

const PROJECTS: ProjectSpec[] = [
  {
    projectName: 'IntegTest-CustomerChatbot-Prod',
    tags: { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  },
  {
    projectName: 'IntegTest-Experiments-Research',
    tags: { Application: 'Experiments', Environment: 'Research', Team: 'PlatformEngineering', CostCenter: 'CC-2002' },
  },
  {
    projectName: 'IntegTest-DataAnalytics-Prod',
    tags: { Application: 'DataAnalytics', Environment: 'Production', Team: 'DataScience', CostCenter: 'CC-3003' },
  },
];

const app = new App();

const projectsStack = new Stack(app, 'BedrockProjectsInteg-Portfolio');
const portfolio = new ProjectPortfolio(projectsStack, 'Projects', {
  environmentName: 'integ-test',
  taxonomy: TagTaxonomy.example(),
  projects: PROJECTS,
  defaultTags: { Owner: 'integ-tests' },
  removalPolicy: RemovalPolicy.DESTROY,
});

// The application side knows only the parameter prefix and the project's name.
const applicationStack = new Stack(app, 'BedrockProjectsInteg-PortfolioConsumer');
applicationStack.addDependency(projectsStack, 'The SSM parameters it reads are written by the projects stack');
const chatbotProject = BedrockProject.fromSsmParameters(applicationStack, 'ChatbotProject', {
  ssmParameterPrefix: portfolio.ssmParameterPrefix!,
  projectName: 'IntegTest-CustomerChatbot-Prod',
});
const chatbot = new lambda.Function(applicationStack, 'Chatbot', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async () => ({ projectId: process.env.OPENAI_PROJECT_ID, baseUrl: process.env.OPENAI_BASE_URL });',
  ),
});
chatbotProject.configureFunction(chatbot);

const assertionStack = new Stack(app, 'BedrockProjectsInteg-PortfolioAssertions');
const integ = new IntegTest(app, 'ProjectPortfolioInteg', {
  testCases: [projectsStack, applicationStack],
  assertionStack,
  ...INTEG_TEST_OPTIONS,
});

for (const spec of PROJECTS) {
  expectProject(integ, assertionStack, portfolio.project(spec.projectName), {
    name: spec.projectName,
    tags: { ...spec.tags, Owner: 'integ-tests' },
  });
}

integ.assertions.invokeFunction({ functionName: chatbot.functionName }).expect(ExpectedResult.objectLike({
  Payload: Match.serializedJson(Match.objectLike({
    projectId: portfolio.project('IntegTest-CustomerChatbot-Prod').projectId,
    baseUrl: Match.stringLikeRegexp('^https://bedrock-mantle\\.[a-z0-9-]+\\.api\\.aws/v1$'),
  })),
}));

app.synth();
