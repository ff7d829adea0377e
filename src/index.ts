export * from './taxonomy';
export * from './project';
export * from './portfolio';
export * from './cost-allocation';
export * from './providers';
export * from './tag-policy';
