export * from './tag-policy';
