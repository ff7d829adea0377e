import type { IncomingHttpHeaders } from 'http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { sigV4Problem as costExplorerProblem } from './cost-explorer/sigv4-check';
import { sigV4Problem as projectsProblem } from './projects-api/sigv4-check';

/**
 * Both emulators refuse a session token that is sent but left out of the signature, as a client
 * that forgot to sign it would send it; the requests here are signed by the AWS SDK's own signer,
 * so a refusal is the emulator's rule and not a signing mistake of the test.
 */

const CREDENTIALS = { accessKeyId: 'AKIASESSIONTOKENTEST', secretAccessKey: 'session/token/test/secret' };
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN';

type SignOptions = { readonly sessionToken?: string; readonly leaveTokenUnsigned?: boolean };

interface Signed {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function sign(
  service: string, hostname: string, path: string, headers: Record<string, string>, body: string, options: SignOptions,
): Promise<Signed> {
  const signer = new SignatureV4({
    service,
    region: 'us-east-1',
    credentials: { ...CREDENTIALS, sessionToken: options.sessionToken },
    sha256: Sha256,
  });
  const request = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname, path, headers: { host: hostname, ...headers }, body }), {
    unsignableHeaders: options.leaveTokenUnsigned ? new Set(['x-amz-security-token']) : undefined,
  });
  const lowercase: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    lowercase[name.toLowerCase()] = value;
  }
  return { headers: lowercase, body };
}

/** An emulator's signature check, and how a request to it is signed. */
interface EmulatorUnderTest {
  readonly name: string;
  readonly check: (signed: Signed) => string | undefined;
  readonly signedWith: (options: SignOptions) => Promise<Signed>;
}

const PROJECTS_PATH = '/v1/organization/projects';
const PROJECTS_BODY = JSON.stringify({ name: 'p' });
const COST_EXPLORER_BODY = JSON.stringify({ TagKeys: ['CostCenter'] });
const COST_EXPLORER_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSInsightsIndexService.ListCostAllocationTags' };

const EMULATORS: EmulatorUnderTest[] = [
  {
    name: 'Projects API emulator',
    check: (signed) => projectsProblem(
      { method: 'POST', target: PROJECTS_PATH, headers: signed.headers, body: Buffer.from(signed.body) },
      { region: 'us-east-1', service: 'bedrock-mantle', secrets: new Map([[CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey]]) },
    ),
    signedWith: (options) => sign('bedrock-mantle', '127.0.0.1', PROJECTS_PATH, { 'content-type': 'application/json' }, PROJECTS_BODY, options),
  },
  {
    name: 'Cost Explorer emulator',
    check: (signed) => costExplorerProblem('POST', '/', signed.headers, signed.body, { ...CREDENTIALS, region: 'us-east-1', service: 'ce' }),
    signedWith: (options) => sign('ce', '127.0.0.1', '/', COST_EXPLORER_HEADERS, COST_EXPLORER_BODY, options),
  },
];

describe.each(EMULATORS)('$name', ({ check, signedWith }) => {
  test('accepts a request whose session token is signed', async () => {
    const signed = await signedWith({ sessionToken: SESSION_TOKEN });
    expect(String(signed.headers.authorization)).toContain('x-amz-security-token');
    expect(check(signed)).toBeUndefined();
  });

  test('refuses a session token that is sent but not signed', async () => {
    const signed = await signedWith({ sessionToken: SESSION_TOKEN, leaveTokenUnsigned: true });
    expect(signed.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
    expect(check(signed)).toMatch(/security token .* is not signed/);
  });

  test('refuses a signed session token changed after signing', async () => {
    const signed = await signedWith({ sessionToken: SESSION_TOKEN });
    expect(check({ ...signed, headers: { ...signed.headers, 'x-amz-security-token': `${SESSION_TOKEN}X` } })).toMatch(/signature we calculated does not match/);
  });

  test('accepts long-term credentials, which send no token', async () => {
    expect(check(await signedWith({}))).toBeUndefined();
  });
});
