import { App, Environment } from 'aws-cdk-lib';

/** The deployment environments that hold projects, one stack each. */
export const PROJECT_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type ProjectEnvironment = typeof PROJECT_ENVIRONMENTS[number];

/** The environment of the organization's management (payer) account, where cost allocation tags are activated. */
export const MANAGEMENT_ENVIRONMENT = 'management';

const ALL_ENVIRONMENTS: readonly string[] = [...PROJECT_ENVIRONMENTS, MANAGEMENT_ENVIRONMENT];

/** Where one environment deploys; either part falls back to the CLI's default. */
export interface EnvironmentTarget {
  readonly account?: string;
  readonly region?: string;
}

/**
 * Reads the `environments` context (see cdk.json):
 * `{ "prod": { "region": "us-east-1", "account": "111111111111" }, ... }`.
 */
function targets(app: App): Record<string, EnvironmentTarget> {
  let value: unknown = app.node.tryGetContext('environments');
  // `-c environments=...` on the command line arrives as a string.
  if (typeof value === 'string') {
    value = JSON.parse(value);
  }
  if (value === undefined || value === null || typeof value !== 'object') {
    throw new Error(`Context 'environments' is missing; add it to cdk.json, e.g. "environments": {"prod": {"region": "us-east-1"}}, with an entry for each of ${ALL_ENVIRONMENTS.join(', ')}`);
  }
  return value as Record<string, EnvironmentTarget>;
}

/**
 * The account and region of `name`: from the `environments` context, else the account and
 * region of the CLI's credentials (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`). Without
 * either, the stack is environment-agnostic in that part and still synthesizes.
 */
export function environmentOf(app: App, name: string): Environment {
  const target = targets(app)[name];
  if (target === undefined) {
    throw new Error(`Context 'environments' has no entry for '${name}'; add "${name}": {"region": "..."} to it in cdk.json`);
  }
  return {
    account: target.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: target.region ?? process.env.CDK_DEFAULT_REGION,
  };
}

/**
 * The environments to synthesize: the one named by `-c environment=<name>`, or all of them.
 */
export function selectedEnvironments(app: App): string[] {
  const selected: unknown = app.node.tryGetContext('environment');
  if (selected === undefined) {
    return [...ALL_ENVIRONMENTS];
  }
  if (typeof selected !== 'string' || !ALL_ENVIRONMENTS.includes(selected)) {
    throw new Error(`Context 'environment' is '${String(selected)}'; use one of ${ALL_ENVIRONMENTS.join(', ')}, or leave it out to synthesize every environment`);
  }
  return [selected];
}
