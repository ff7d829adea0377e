export * from './tag-policy';
// Registers the writer of each Stage's tag-policy.json.
import './tag-policy-artifact';
