export * from './data-retention';
export * from './bedrock-project';
