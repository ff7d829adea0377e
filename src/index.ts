export * from './taxonomy';
export * from './project';
export * from './portfolio';
export * from './cost-allocation';
export * from './tag-policy';
export * from './monitoring';
export * from './cost-controls';
export * from './dashboard';
