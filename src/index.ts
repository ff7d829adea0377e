export * from './taxonomy';
export * from './project';
