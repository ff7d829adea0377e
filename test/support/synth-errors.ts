import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The message of the error that synthesizing `stack` throws; fails the test when it synthesizes. */
export function synthErrors(stack: Stack): string {
  try {
    Template.fromStack(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail');
}
