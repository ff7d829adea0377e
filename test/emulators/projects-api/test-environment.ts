import { ProjectsApiEmulator, ProjectsApiEmulatorOptions } from './server';

/** The static credentials tests sign with; the emulator verifies signatures made with them. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator/secret/key/for/tests/only' };

/** Variables that would make a client look elsewhere for its endpoint or credentials. */
const INTERFERING_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_REGION'];

/**
 * Starts an emulator that verifies signatures made with {@link TEST_CREDENTIALS}, and points the
 * process at it the way an operator points any AWS SDK: through the standard environment variables.
 */
export async function startEmulatorForProcess(options: ProjectsApiEmulatorOptions = {}): Promise<ProjectsApiEmulator> {
  const emulator = await ProjectsApiEmulator.start({ credentials: [TEST_CREDENTIALS], ...options });
  for (const name of INTERFERING_VARIABLES) {
    delete process.env[name];
  }
  process.env.AWS_ENDPOINT_URL_BEDROCK_MANTLE = emulator.url;
  process.env.AWS_REGION = emulator.region;
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
  return emulator;
}
