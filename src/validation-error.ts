import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * aws-cdk-lib's own error classes for invalid input. Every release the library supports exports
 * them at runtime (marked internal in the typings, so they are looked up rather than imported):
 * the CDK CLI shows them with the construct tree, and their stack keeps the user's frames but
 * collapses those of packages under node_modules, so users do not see this library's internals.
 */
const ScopedError = (cdk as any).ValidationError as (new (name: string, message: string, scope: IConstruct) => Error) | undefined;
const UnscopedError = (cdk as any).UnscopedValidationError as (new (name: string, message: string) => Error) | undefined;

/** One message from a list of problems: inline for one, a list for several. */
function joinProblems(problems: string[]): string {
  return problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`;
}

/**
 * The error for invalid input to the construct at `scope`, naming its path and every problem.
 *
 * @param code a short name of the kind of problem, shown by the CDK CLI
 */
export function validationError(scope: IConstruct, code: string, problems: string[]): Error {
  const message = `${scope.node.path}: ${joinProblems(problems)}`;
  return ScopedError ? new ScopedError(code, message, scope) : new Error(message);
}

/** The error for invalid input that belongs to no construct, such as a taxonomy file. */
export function unscopedValidationError(code: string, message: string): Error {
  return UnscopedError ? new UnscopedError(code, message) : new Error(message);
}
