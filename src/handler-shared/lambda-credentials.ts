/** AWS credentials, in the shape the SDK's credential providers return. */
export interface EnvironmentCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * The credentials of the function's execution role, which Lambda puts in the environment
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) before the handler loads.
 *
 * The handlers use this instead of the SDK's default credential chain, which would also bundle
 * and load the STS, SSO and login clients and the INI, process and metadata-service providers:
 * none of them can serve a Lambda function, and they were most of each bundle and of its load
 * time. (The SDK's own environment provider would bring in the SDK's client core, which the
 * Projects API client does not otherwise need.) Read at each call, so a refreshed environment
 * is picked up.
 */
export function lambdaCredentials(): () => Promise<EnvironmentCredentials> {
  return async () => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error('No AWS credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them from the execution role)');
    }
    const expiration = process.env.AWS_CREDENTIAL_EXPIRATION;
    return {
      accessKeyId,
      secretAccessKey,
      ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    };
  };
}

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the bundles (an esbuild alias declared in
 * .projenrc.ts): SDK clients import the default chain at load time even when given credentials,
 * so the import itself must resolve to something small.
 */
export const defaultProvider = lambdaCredentials;
