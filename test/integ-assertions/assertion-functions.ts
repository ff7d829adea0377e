import * as path from 'path';
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { CostAllocationTags, IBedrockProject } from '../../src';

/**
 * The integ tests' assertion functions, bundled from TypeScript with esbuild when the test app is
 * synthesized (integ tests are not the library, so they may need esbuild at synth). They live in
 * the assertion stack, next to the integ-tests-alpha calls, so the snapshots of the stacks under
 * test hold only what a user of the library deploys.
 */

/** Options shared by the integ tests. */
export const INTEG_TEST_OPTIONS = {
  // Regions with the bedrock-mantle endpoint (and integ-runner's default regions).
  regions: ['us-east-1', 'us-east-2', 'us-west-2'],
  // Snapshots are compared with asset hashes normalized: a rebuilt handler bundle is not a change.
  diffAssets: false,
  // The snapshots do not keep their assets (the handler bundles; see .gitignore), so the
  // committed snapshot cannot be deployed first to test an update from it.
  stackUpdateWorkflow: false,
};

function assertionFunction(scope: Construct, id: string, entry: string): nodejs.NodejsFunction {
  return new nodejs.NodejsFunction(scope, id, {
    entry: path.join(__dirname, entry),
    runtime: lambda.Runtime.NODEJS_22_X,
    timeout: Duration.minutes(1),
    bundling: { minify: true, sourceMap: false, externalModules: [], forceDockerBundling: false },
  });
}

/** The function that reads projects back through the Projects API, created once per stack. */
function projectReader(assertionStack: Stack): nodejs.NodejsFunction {
  const id = 'ReadProjectFunction';
  const existing = assertionStack.node.tryFindChild(id) as nodejs.NodejsFunction | undefined;
  if (existing) {
    return existing;
  }
  const fn = assertionFunction(assertionStack, id, 'read-project.handler.ts');
  fn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['bedrock-mantle:GetProject'],
    resources: [assertionStack.formatArn({ service: 'bedrock-mantle', resource: 'project', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
  }));
  return fn;
}

/** What a project read back through the Projects API should hold. */
export interface ExpectedProject {
  readonly name: string;
  /** Tags the project must carry (others, such as the provider's ownership mark, may be there too). */
  readonly tags: { [key: string]: string };
  readonly dataRetention?: string;
}

/**
 * Reads `project` back through the Projects API and expects it active, with `expected` name,
 * tags and data retention.
 */
export function expectProject(integ: IntegTest, assertionStack: Stack, project: IBedrockProject, expected: ExpectedProject): IApiCall {
  const reader = projectReader(assertionStack);
  const call = integ.assertions.invokeFunction({
    functionName: reader.functionName,
    payload: assertionStack.toJsonString({ projectId: project.projectId }),
  });
  call.expect(ExpectedResult.objectLike({
    Payload: Match.serializedJson(Match.objectLike({
      id: project.projectId,
      name: expected.name,
      status: 'active',
      tags: Match.objectLike(expected.tags),
      ...(expected.dataRetention ? { dataRetention: expected.dataRetention } : {}),
    })),
  }));
  return call;
}

/**
 * Checks the keys `tags` reported active are active in Cost Explorer, every key Cost Explorer
 * offers for activation is active, the others were reported pending, and at least one key is
 * active: a resource that never activates anything fails (cost-allocation-status.handler.ts).
 */
export function expectCostAllocationTags(integ: IntegTest, assertionStack: Stack, tags: CostAllocationTags): IApiCall {
  const fn = assertionFunction(assertionStack, 'CostAllocationStatusFunction', 'cost-allocation-status.handler.ts');
  // Cost Explorer's cost allocation tag actions accept no resource but *.
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ce:ListCostAllocationTags'], resources: ['*'] }));
  const call = integ.assertions.invokeFunction({
    functionName: fn.functionName,
    payload: assertionStack.toJsonString({
      tagKeys: tags.tagKeys,
      reportedActive: tags.activeTagKeys,
      reportedPending: tags.pendingTagKeys,
    }),
  });
  call.expect(ExpectedResult.objectLike({
    Payload: Match.serializedJson(Match.objectLike({
      keys: tags.tagKeys.length,
      reportedActiveAreActive: true,
      everyKeyAccountedFor: true,
      someKeyActive: true,
      inactiveInCostExplorer: [],
    })),
  }));
  return call;
}
