export * from './project-dashboard';
