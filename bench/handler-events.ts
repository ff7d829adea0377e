import * as fs from 'fs';
import * as path from 'path';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * CloudFormation-shaped events for the bundled handlers, as the custom resource provider
 * framework forwards them, and the environment that points the handlers at the emulators.
 */

export const PROJECT_BUNDLE = path.join(__dirname, '../assets/project/handler/project-handler.lambda/index.js');
export const COST_ALLOCATION_BUNDLE = path.join(__dirname, '../assets/cost-allocation/handler/cost-allocation-handler.lambda/index.js');

export const BENCH_CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK0000000', secretAccessKey: 'bench-secret-key' };

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Bench00/8a1b2c3d-0000-0000-0000-000000000000';
const RESPONSE_URL = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/presigned';

export type Handler = (event: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<any>;

export function requireBundle(file: string): Handler {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing; run 'npx projen bundle' first`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file).handler;
}

/** Points both handlers' clients at loopback emulators through the standard variables. */
export function pointAtEmulators(endpoints: { projects?: string; costExplorer?: string }): void {
  if (endpoints.projects) {
    process.env.AWS_ENDPOINT_URL_BEDROCK_MANTLE = endpoints.projects;
  }
  if (endpoints.costExplorer) {
    process.env.AWS_ENDPOINT_URL_COST_EXPLORER = endpoints.costExplorer;
  }
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = BENCH_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = BENCH_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

/** A Lambda context with the 5-minute timeout the provider's function has. */
export function lambdaContext(timeoutMs = 5 * 60_000): { getRemainingTimeInMillis(): number } {
  const end = Date.now() + timeoutMs;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

/** Silences the handlers' structured logs (one line per call would drown the tables). */
export function silenceLogs(): void {
  console.log = () => undefined;
  console.info = () => undefined;
  console.warn = () => undefined;
}

function common(resourceType: string, logicalId: string) {
  return {
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:Bench00-ProviderframeworkonEvent',
    ResponseURL: RESPONSE_URL,
    StackId: STACK_ID,
    RequestId: `req-${Math.random().toString(16).slice(2)}`,
    LogicalResourceId: logicalId,
    ResourceType: resourceType,
  };
}

export interface ProjectProperties {
  readonly ProjectName: string;
  readonly Tags: Record<string, string>;
  readonly RemovalPolicy: 'retain' | 'destroy';
}

export function projectEvent(
  requestType: 'Create' | 'Update' | 'Delete', logicalId: string, props: ProjectProperties, physicalId?: string,
): CloudFormationCustomResourceEvent {
  return cfnEvent(requestType, 'Custom::BedrockProject', logicalId, { ServiceToken: 'token', ...props }, physicalId);
}

export function costAllocationEvent(
  requestType: 'Create' | 'Update' | 'Delete', tagKeys: string[], physicalId?: string,
): CloudFormationCustomResourceEvent {
  const properties = { ServiceToken: 'token', TagKeys: tagKeys, DeactivateOnDelete: 'false' };
  return cfnEvent(requestType, 'Custom::CostAllocationTags', 'CostAllocationTags', properties, physicalId);
}

/** An event as CloudFormation sends it; an Update carries the same properties as old and new. */
function cfnEvent(
  requestType: 'Create' | 'Update' | 'Delete', resourceType: string, logicalId: string,
  properties: { ServiceToken: string; [key: string]: unknown }, physicalId?: string,
): CloudFormationCustomResourceEvent {
  const base = { ...common(resourceType, logicalId), ResourceProperties: properties };
  switch (requestType) {
    case 'Create':
      return { ...base, RequestType: 'Create' };
    case 'Update':
      return { ...base, RequestType: 'Update', PhysicalResourceId: physicalId!, OldResourceProperties: properties };
    case 'Delete':
      return { ...base, RequestType: 'Delete', PhysicalResourceId: physicalId! };
  }
}
