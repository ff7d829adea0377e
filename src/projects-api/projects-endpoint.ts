/**
 * Where the Projects API lives. The service-specific and global endpoint variables follow the
 * AWS SDKs' "service-specific endpoints" convention, so an operator (or a local emulator) points
 * this client elsewhere exactly as it would point any AWS SDK client.
 */

/** The endpoint variable for the `bedrock-mantle` service id. */
export const BEDROCK_MANTLE_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_BEDROCK_MANTLE';
/** The endpoint variable every AWS SDK falls back to. */
export const GLOBAL_ENDPOINT_ENV = 'AWS_ENDPOINT_URL';
/** Set to `true` to make the SDKs (and this client) ignore both endpoint variables. */
export const IGNORE_ENDPOINT_ENV = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS';

/** The public endpoint of a region, with the `/v1` prefix the project routes live under. */
export function defaultProjectsBaseUrl(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws/v1`;
}

/**
 * The base URL (ending in `/v1`, no trailing slash) for `region`: an explicit endpoint first,
 * then the environment, then the public endpoint.
 *
 * An endpoint is an origin such as `http://127.0.0.1:1234`, with or without a `/v1` path.
 */
export function resolveProjectsBaseUrl(region: string, explicitEndpoint?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[IGNORE_ENDPOINT_ENV]?.toLowerCase() === 'true'
    ? undefined
    : nonEmpty(env[BEDROCK_MANTLE_ENDPOINT_ENV]) ?? nonEmpty(env[GLOBAL_ENDPOINT_ENV]);
  const endpoint = nonEmpty(explicitEndpoint) ?? fromEnv;
  return endpoint === undefined ? defaultProjectsBaseUrl(region) : withV1Path(endpoint);
}

function withV1Path(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`Invalid Projects API endpoint '${endpoint}': expected a URL such as https://bedrock-mantle.us-east-1.api.aws`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  // The OpenAI-compatible router answers 404 to project calls, so its base URL is corrected.
  if (path.endsWith('/openai/v1')) {
    path = path.slice(0, -'/openai/v1'.length);
  }
  if (!path.endsWith('/v1')) {
    path = `${path}/v1`;
  }
  return `${url.origin}${path}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
