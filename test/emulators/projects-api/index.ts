export * from './answer-shape';
export * from './api-error';
export * from './fault-injection';
export * from './project-store';
export * from './server';
export * from './sigv4-check';
export * from './test-environment';
