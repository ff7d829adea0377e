import { Token } from 'aws-cdk-lib';
import { nameSegment } from './name-segment';
import { MAX_PROJECT_NAME_LENGTH } from './project-name-rules';

/** The prefix the library's documentation and `ProjectPortfolio` use. */
export const DEFAULT_PARAMETER_ROOT = '/bedrock-projects';

/**
 * Longest prefix accepted. SSM caps a parameter name, counted with its ARN, at 1,011 characters;
 * the project segment (at most 136) and `/arn` are appended to the prefix.
 */
export const MAX_PARAMETER_PREFIX_LENGTH = 500;

/** SSM allows at most 15 levels in a parameter name; the project segment and `id`/`arn` take two. */
const MAX_PREFIX_LEVELS = 13;

/** Characters SSM allows in one level of a parameter name. */
const SEGMENT_DISALLOWED = /[^A-Za-z0-9_.-]+/g;

/**
 * The path under which a project's `id` and `arn` parameters live: `<prefix>/<published name>`,
 * with the published name made a valid SSM level (and given a hash suffix when that changed it).
 * Writers and readers both call this, so they always agree.
 */
export function projectParameterPath(prefix: string, publishedName: string): string {
  return `${prefix}/${nameSegment(publishedName, SEGMENT_DISALLOWED, MAX_PROJECT_NAME_LENGTH + 9)}`;
}

/** The name of the parameter holding the project ID. */
export function idParameterName(path: string): string {
  return `${path}/id`;
}

/** The name of the parameter holding the project ARN. */
export function arnParameterName(path: string): string {
  return `${path}/arn`;
}

/**
 * Problems with a parameter prefix, as sentences; empty when it is valid or a token.
 */
export function parameterPrefixProblems(prefix: string): string[] {
  if (Token.isUnresolved(prefix)) {
    return [];
  }
  const shape = "a path such as '/bedrock-projects/prod': a leading '/', then levels of letters, digits, '_', '.' and '-' separated by single '/', without a trailing '/'";
  if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(prefix)) {
    return [`ssmParameterPrefix '${prefix}' is not a valid SSM parameter path; use ${shape}`];
  }
  const problems: string[] = [];
  const levels = prefix.split('/').slice(1);
  if (/^(aws|ssm)/i.test(levels[0])) {
    problems.push(`ssmParameterPrefix '${prefix}' begins with '${levels[0].slice(0, 3)}', but SSM reserves names beginning with 'aws' or 'ssm'; choose another first level, for example '${DEFAULT_PARAMETER_ROOT}'`);
  }
  if (levels.length > MAX_PREFIX_LEVELS) {
    problems.push(`ssmParameterPrefix '${prefix}' has ${levels.length} levels, but SSM allows 15 per name and the project name and 'id'/'arn' add two; use at most ${MAX_PREFIX_LEVELS}`);
  }
  if (prefix.length > MAX_PARAMETER_PREFIX_LENGTH) {
    problems.push(`ssmParameterPrefix has ${prefix.length} characters; use at most ${MAX_PARAMETER_PREFIX_LENGTH} so that the full parameter names stay within SSM's limit`);
  }
  return problems;
}
