/** The name of the file the tag policy view is written to in a cloud assembly directory. */
export const TAG_POLICY_FILE_NAME = 'tag-policy.json';
