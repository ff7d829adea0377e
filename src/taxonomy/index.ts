export * from './tag-key-definition';
export * from './tag-problem';
export * from './tag-taxonomy';
export { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_PROJECT } from './aws-tag-rules';
export * from './organizations-tag-policy';
