export * from './project-spec';
export * from './project-portfolio';
