import * as fs from 'fs';
import * as path from 'path';
import { lambdaCredentials } from '../../src/handler-shared/lambda-credentials';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = saved[name];
    }
  }
});

describe('lambdaCredentials', () => {
  test('reads the key, secret, session token and expiration Lambda puts in the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'token';
    process.env.AWS_CREDENTIAL_EXPIRATION = '2030-01-01T00:00:00Z';
    await expect(lambdaCredentials()()).resolves.toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2030-01-01T00:00:00Z'),
    });
  });

  test('reads the environment at each call, so refreshed credentials are used', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFIRST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_CREDENTIAL_EXPIRATION;
    const provider = lambdaCredentials();
    await expect(provider()).resolves.toEqual({ accessKeyId: 'AKIDFIRST', secretAccessKey: 'secret' });
    process.env.AWS_ACCESS_KEY_ID = 'AKIDSECOND';
    await expect(provider()).resolves.toEqual({ accessKeyId: 'AKIDSECOND', secretAccessKey: 'secret' });
  });

  test('fails with the variables to set when there are none', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    await expect(lambdaCredentials()()).rejects.toThrow('No AWS credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
  });
});

describe('the bundled handlers', () => {
  // Strings only the SDK's default chain carries (web identity and container credential providers).
  test.each([
    'assets/project/handler/project-handler.lambda/index.js',
    'assets/cost-allocation/handler/cost-allocation-handler.lambda/index.js',
  ])('%s carries no credential provider Lambda cannot use', (bundle) => {
    const code = fs.readFileSync(path.join(__dirname, '../..', bundle), 'utf8');
    expect(code).not.toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    expect(code).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
  });
});
