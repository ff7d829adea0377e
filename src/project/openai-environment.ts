import * as lambda from 'aws-cdk-lib/aws-lambda';
import { validationError } from '../validation-error';

/**
 * The environment variable the OpenAI SDKs read their base URL from.
 */
export const OPENAI_BASE_URL_VARIABLE = 'OPENAI_BASE_URL';

/**
 * The environment variable the OpenAI SDKs read their project from; they send it as the
 * `OpenAI-Project` header, which associates each request with the Bedrock project.
 */
export const OPENAI_PROJECT_ID_VARIABLE = 'OPENAI_PROJECT_ID';

/**
 * The OpenAI-compatible endpoint of Bedrock in `region`. The domain is `api.aws`, not the
 * partition's `amazonaws.com` suffix, and the path must be `/v1`: the `/openai/v1` router does
 * not know projects.
 *
 * @param region a region name or a token for one
 */
export function mantleBaseUrl(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws/v1`;
}

/**
 * The project each function was configured for. A function reads one `OPENAI_PROJECT_ID`, so
 * configuring it for a second project would silently send all its requests to the last one.
 */
const projectOfFunction = new WeakMap<lambda.Function, string>();

/**
 * Sets the OpenAI SDK's environment variables on `fn` so that its requests go to `baseUrl`
 * and are associated with `projectId`.
 *
 * @param fn the function to configure
 * @param projectPath the construct path of the project, for the error on a second project
 * @param baseUrl the endpoint
 * @param projectId the project ID
 */
export function setOpenAiEnvironment(fn: lambda.Function, projectPath: string, baseUrl: string, projectId: string): void {
  const previous = projectOfFunction.get(fn);
  if (previous !== undefined && previous !== projectPath) {
    throw validationError(fn, 'FunctionHasAProject', [`the function is already configured for the Bedrock project at ${previous}, and it has one ${OPENAI_PROJECT_ID_VARIABLE}; `
      + `to let it also use the project at ${projectPath}, call grantInference(fn) on that project and pass its projectId to the client yourself`]);
  }
  projectOfFunction.set(fn, projectPath);
  fn.addEnvironment(OPENAI_BASE_URL_VARIABLE, baseUrl);
  fn.addEnvironment(OPENAI_PROJECT_ID_VARIABLE, projectId);
}
