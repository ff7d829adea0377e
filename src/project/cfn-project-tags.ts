import * as bedrockmantle from 'aws-cdk-lib/aws-bedrockmantle';

/**
 * The final tags of a native project, key to value: its `tags` property merged with what
 * `Tags.of(scope).add(...)` applied, exactly as CloudFormation will receive them.
 * (aws-cdk-lib itself rejects a tag list that is a token, so every entry is a key and a value.)
 */
export function cfnProjectTags(project: bedrockmantle.CfnProject): { [key: string]: string } {
  const rendered: Array<{ key: string; value: string }> = project.cdkTagManager.renderTags(project.tags) ?? [];
  return Object.fromEntries(rendered.map((tag) => [tag.key, tag.value]));
}
