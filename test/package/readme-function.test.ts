// The Lambda function the README's examples deploy (`chatbot-function/`), installed from its
// package.json as the README says and invoked against a loopback server standing in for the
// bedrock-mantle endpoint: it must send a complete, signed Responses API request in its project.
import * as fs from 'fs';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { sigV4Problem } from '../emulators/projects-api/sigv4-check';
import { linkInstalledPackage, run, RunResult } from '../support/fresh-app';
import { TEST_CACHE } from '../support/packed-package';
import { readmeCodeBlocks } from '../support/readme';

interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** A minimal Responses API answer, the shape the OpenAI SDK reads `output_text` from. */
const RESPONSE = {
  id: 'resp_1',
  object: 'response',
  created_at: 1772135628,
  status: 'completed',
  model: 'openai.gpt-oss-120b',
  output: [{
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'Orders ship within two days.', annotations: [] }],
  }],
};

let server: Server;
const received: ReceivedRequest[] = [];
let result: RunResult;

beforeAll(async () => {
  // The function's folder, written from the README.
  const dir = path.join(TEST_CACHE, 'function', 'chatbot-function');
  fs.mkdirSync(dir, { recursive: true });
  for (const block of readmeCodeBlocks().filter((b) => b.file?.startsWith('chatbot-function/'))) {
    fs.writeFileSync(path.join(dir, path.basename(block.file!)), block.code + '\n');
  }
  // Its dependencies, as `npm install --omit=dev` would place them, from the repository's
  // node_modules (devDependencies there), so that the test never reaches the registry.
  const dependencies = Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8')).dependencies);
  expect(dependencies.length).toBeGreaterThan(0);
  for (const name of dependencies) {
    linkInstalledPackage(path.join(dir, 'node_modules'), name);
  }

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(RESPONSE));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  // The Lambda runtime's environment, and what configureFunction and the stack set.
  result = await run(process.execPath, ['--input-type=module', '-e',
    "const { handler } = await import('./index.mjs'); console.log(JSON.stringify(await handler({ question: 'When will my order ship?' })));"], {
    cwd: dir,
    env: {
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_PROJECT_ID: 'proj_5d5ykleja6cwpirysbb7',
      MODEL_ID: 'openai.gpt-oss-120b',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAEMULATORTEST0001',
      AWS_SECRET_ACCESS_KEY: 'emulator/secret/key/for/tests/only',
      AWS_SESSION_TOKEN: 'session-token',
      OPENAI_API_KEY: '',
    },
  });
}, 5 * 60_000);

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

test('the function answers with the model\'s text', () => {
  expect({ exitCode: result.exitCode, output: result.output.trim() }).toEqual({
    exitCode: 0,
    output: JSON.stringify({ answer: 'Orders ship within two days.' }),
  });
});

test('it sends one complete Responses API request: model and input', () => {
  expect(received.map((r) => [r.method, r.url])).toEqual([['POST', '/v1/responses']]);
  expect(JSON.parse(received[0].body.toString())).toEqual({ model: 'openai.gpt-oss-120b', input: 'When will my order ship?' });
});

test('the request is in the project, signed with SigV4 for bedrock-mantle, with no API key', () => {
  const headers = received[0].headers;
  expect(headers['openai-project']).toBe('proj_5d5ykleja6cwpirysbb7');
  expect(headers['x-amz-security-token']).toBe('session-token');
  expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEMULATORTEST0001\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request/);
  // Only the form and scope: the server's host:port is not the host the signature covers.
  expect(sigV4Problem({ method: 'POST', target: received[0].url, headers, body: received[0].body }, {
    region: 'us-east-1', service: 'bedrock-mantle', secrets: new Map(),
  })).toBeUndefined();
});
