export * from './data-retention';
export * from './bedrock-project';
export * from './cfn-project-options';
