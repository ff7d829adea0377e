/** Longest project name the Projects API accepts. */
export const MAX_PROJECT_NAME_LENGTH = 127;

/**
 * Problems the Projects API would report for a project name, as sentences.
 * An empty list means the name is valid.
 */
export function projectNameProblems(name: string): string[] {
  if (name.length < 1 || name.length > MAX_PROJECT_NAME_LENGTH) {
    return [`projectName must be 1 to ${MAX_PROJECT_NAME_LENGTH} characters long but '${name}' has ${name.length}`];
  }
  if (!/\S/.test(name)) {
    return [`projectName must contain a character that is not a space; got '${name}'`];
  }
  return [];
}
